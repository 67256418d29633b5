// Step 3 of the alert ladder: a small always-on-top card for an offer nobody has answered yet,
// above full-screen apps and on every workspace, with Accept / Decline / Open. It is the renderer
// itself (same preload, sandbox and CSP as the main window) at `#/handoff-card/ID`; the renderer
// acts through the API like any window. Closed when the policy hides it or the offer is accepted,
// declined or withdrawn. Open: the renderer moves to `#/handoff/ID`, and this brings the main
// window forward on that handoff. Type-checked only (the Electron binary is absent here).
import { BrowserWindow, screen } from 'electron';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/api';
import type { Disposable } from '../../shared/lifecycle';
import type { AppServices } from '../services/app-services';
import type { Logger } from '../services/logger';
import { APP_ENTRY_URL } from './app-protocol';
import { hardenWebContents, lockedDownWebPreferences } from './web-contents-security';

// Bundled into the same file as index.ts, so the preload sits where the main window finds it.
const PRELOAD_PATH = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'preload', 'index.cjs');
const CARD = { width: 380, height: 220, margin: 16 };
const OPEN_HASH = /#\/handoff\/([^/?#]+)$/;

export interface HandoffCards extends Disposable {
  /** The alert policy's show-handoff-card / hide-handoff-card. */
  show(handoffId: string, visible: boolean): void;
}

export function createHandoffCards(deps: { services: AppServices; open(): void; log: Logger }): HandoffCards {
  const cards = new Map<string, BrowserWindow>();

  const close = (handoffId: string) => {
    const card = cards.get(handoffId);
    cards.delete(handoffId);
    if (card && !card.isDestroyed()) card.close();
  };

  const openCard = (handoffId: string) => {
    if (cards.has(handoffId)) return;
    const area = screen.getPrimaryDisplay().workArea;
    // Stacked from the top right corner, one under the other.
    const slot = cards.size;
    const card = new BrowserWindow({
      width: CARD.width,
      height: CARD.height,
      x: area.x + area.width - CARD.width - CARD.margin,
      y: area.y + CARD.margin + slot * (CARD.height + CARD.margin),
      frame: false,
      resizable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      show: false,
      title: 'Baton: new handoff',
      backgroundColor: '#0f172a',
      webPreferences: lockedDownWebPreferences(PRELOAD_PATH),
    });
    // 'screen-saver' stays above full-screen windows; every workspace, including full-screen ones.
    card.setAlwaysOnTop(true, 'screen-saver');
    card.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    hardenWebContents(card.webContents);
    card.webContents.on('did-navigate-in-page', (_event, url) => {
      const open = OPEN_HASH.exec(url);
      if (!open) return;
      deps.open();
      deps.services.events.emit('link:opened', { kind: 'handoff', handoffId: decodeURIComponent(open[1]!) });
      close(handoffId);
    });
    card.once('ready-to-show', () => card.showInactive());
    card.on('closed', () => {
      if (cards.get(handoffId) === card) cards.delete(handoffId);
    });
    cards.set(handoffId, card);
    card.loadURL(`${APP_ENTRY_URL}#/handoff-card/${encodeURIComponent(handoffId)}`).catch((error: unknown) => {
      deps.log.warn(`handoff card for ${handoffId} did not load`, error);
      close(handoffId);
    });
  };

  // Whatever the ladder does next, an offer that is no longer waiting loses its card.
  const sink = deps.services.addEventSink(<E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (name === 'offer:revoked') close((payload as EventPayload<'offer:revoked'>).handoffId);
    if (name === 'handoff:updated') {
      const item = payload as EventPayload<'handoff:updated'>;
      if (item.offerExpiresAt === null || item.handoff.status !== 'offered') close(item.handoff.id);
    }
  });

  return {
    show: (handoffId, visible) => (visible ? openCard(handoffId) : close(handoffId)),
    dispose() {
      sink.dispose();
      for (const handoffId of [...cards.keys()]) close(handoffId);
    },
  };
}
