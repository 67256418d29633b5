// The browser host's side of the alert ladder. The services run the same alert policy as
// Electron (main/services/alerts/alerts-plugin.ts) and send its decisions as events; this module
// carries them out in the page and tells the policy what the page shows. It decides nothing:
//   alerts:notification  → a page Notification (click: focus the tab, show the offer, report it seen)
//   alerts:attention     → ladder step 2: the tab title flashes "(2) New handoff — Baton" and the
//                          favicon carries the count of waiting offers
//   alerts:card          → ladder step 3: the handoff card above everything in the page
//                          (components/alert-card-layer.tsx) — a page cannot put a window above other apps
//   alerts:sound, alerts:banner → played and shown by baton-client.ts, as in Electron
// The page reports its screen ('alerts:screen': focus, visibility, whether the inbox is on screen,
// the open conversation) whenever one of those changes; with several tabs the latest report wins.
// With several tabs, only the one holding the alert lock (alert-leader.ts) plays the sound and shows
// notifications; every tab shows the banner, the title and the card.
// A lead's alerts are still decided here from the supervisor snapshot (startLeadNotifications).
import type { AlertScreenReport, BatonApi, EventPayload } from '../../shared/api';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock';
import { decideLeadNotifications } from '../../shared/lead-alert-notifications';
import { alertPreferencesOf, DEFAULT_ALERT_PREFERENCES, isQuietFor, type AlertPreferences } from '../../shared/settings';
import { useAlertCardsStore } from '../stores/alert-cards-store';
import { useConversationStore } from '../stores/conversation-store';
import { useInboxStore } from '../stores/inbox-store';
import { useSessionStore } from '../stores/session-store';
import { useSettingsStore } from '../stores/settings-store';
import { useUiStore } from '../stores/ui-store';
import { useSupervisorStore } from '../supervisor/supervisor-store';
import { pageLeadsAlerts, startAlertLeadership, type AlertLocks } from './alert-leader';
import { showHandoff } from './baton-client';

/** The agent's alert preferences as loaded from the services; the defaults until they arrive. */
export function currentAlertPreferences(): AlertPreferences {
  const view = useSettingsStore.getState().view;
  return view ? alertPreferencesOf(view) : DEFAULT_ALERT_PREFERENCES;
}

export function pageInView(doc: Document): boolean {
  // A document without hasFocus (a test double) counts as focused when visible.
  return doc.visibilityState === 'visible' && (typeof doc.hasFocus !== 'function' || doc.hasFocus());
}

const localMinuteOf = (epochMs: number) => {
  const date = new Date(epochMs);
  return date.getHours() * 60 + date.getMinutes();
};

const ASKED_KEY = 'baton.notifications.asked';

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

/** True when the agent should be asked once, politely, whether to allow notifications. */
export function shouldOfferNotifications(): boolean {
  if (!notificationsSupported() || Notification.permission !== 'default') return false;
  try {
    return localStorage.getItem(ASKED_KEY) === null;
  } catch {
    return false;
  }
}

export async function requestNotificationPermission(): Promise<NotificationPermission> {
  rememberAsked();
  return Notification.requestPermission();
}

export function rememberAsked(): void {
  try {
    localStorage.setItem(ASKED_KEY, new Date().toISOString());
  } catch {
    // Without storage the prompt may appear again next time; that is all.
  }
}

export interface BrowserAlertOptions {
  /** The API the page talks through; window.baton by default. */
  api?: BatonApi;
  /** Drives the title flashing; tests pass a ManualClock. */
  clock?: Clock;
  now?: () => number;
  /** The Web Locks that elect the tab carrying out sounds and notifications; navigator.locks by default. */
  locks?: AlertLocks | null;
}

/** What the page shows, as the alert policy needs it. */
export function screenReportOf(doc: Document): AlertScreenReport {
  const visible = doc.visibilityState === 'visible';
  const focused = visible && (typeof doc.hasFocus !== 'function' || doc.hasFocus());
  const ui = useUiStore.getState();
  // Settings and the shortcut help cover the inbox; a lead's desk has no inbox of offers.
  const covered = ui.settingsOpen || ui.helpOpen || useSessionStore.getState().session?.role === 'supervisor';
  return { focused, visible, inboxVisible: visible && !covered, openHandoffId: useConversationStore.getState().activeHandoffId };
}

export const BASE_TITLE = 'Baton';
const FLASH_MS = 1_000;

/** The tab title for a number of waiting offers, in the flash's "on" or "off" phase. */
export function alertTitle(waiting: number, flashOn: boolean): string {
  if (waiting === 0) return BASE_TITLE;
  return flashOn ? `(${waiting}) New handoff \u2014 ${BASE_TITLE}` : `(${waiting}) ${BASE_TITLE}`;
}

/** A favicon with the count of waiting offers on a red disc (none: the plain icon). */
export function badgeFavicon(waiting: number): string {
  if (waiting === 0) return 'data:,';
  const label = waiting > 9 ? '9+' : String(waiting);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#c62828"/><text x="16" y="22" font-size="${label.length > 1 ? 15 : 19}" font-family="sans-serif" font-weight="700" text-anchor="middle" fill="#fff">${label}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

export function startBrowserNotifications(doc: Document = document, options: BrowserAlertOptions = {}): () => void {
  const api = options.api ?? window.baton;
  const clock = options.clock ?? systemClock;
  const stopLead = startLeadNotifications(doc, options.now ?? Date.now);
  const shown = new Map<string, Notification>();
  const leadership = startAlertLeadership({ doc, ...(options.locks !== undefined ? { locks: options.locks } : {}) });
  const stops: Array<() => void> = [stopLead, () => leadership.dispose()];
  // Services without the alert ladder answer 'unavailable'; the page has nothing to fall back to.
  const reportScreen = (screen: AlertScreenReport) => void api.invoke('alerts:screen', screen).catch(() => undefined);
  const reportSeen = (handoffId: string, via: 'notification' | 'window') => void api.invoke('alerts:seen', { handoffId, via }).catch(() => undefined);

  // ---- notifications
  const close = (tag: string) => {
    shown.get(tag)?.close();
    shown.delete(tag);
  };
  const notify = (request: Extract<EventPayload<'alerts:notification'>, { type: 'show' }>) => {
    close(request.tag);
    // Another tab leads: it shows this one (the same tag would only replace it anyway).
    if (!leadership.leads() || !notificationsSupported() || Notification.permission !== 'granted') return;
    // A page Notification cannot carry Accept / Decline buttons (only a service worker's can); the
    // click brings the tab forward on the offer, where the banner has them.
    const notification = new Notification(request.title, {
      body: request.body,
      tag: `baton-${request.tag}`,
      requireInteraction: request.urgency === 'critical',
      silent: true,
    });
    notification.onclick = () => {
      window.focus();
      showHandoff(request.handoffId);
      if (request.actions.length > 0) reportSeen(request.handoffId, 'notification');
      close(request.tag);
    };
    shown.set(request.tag, notification);
  };
  stops.push(api.on('alerts:notification', (request) => (request.type === 'show' ? notify(request) : close(request.tag))));

  // ---- ladder step 2: title and favicon
  let waiting = 0;
  let flashing = false;
  let flashOn = false;
  let timer: TimerHandle | null = null;
  const paint = () => {
    doc.title = alertTitle(waiting, flashing && flashOn);
    const icon = typeof doc.querySelector === 'function' ? doc.querySelector<HTMLLinkElement>('link[rel~="icon"]') : null;
    if (icon) icon.href = badgeFavicon(waiting);
  };
  const tick = () => {
    timer = null;
    if (!flashing) return;
    flashOn = !flashOn;
    paint();
    timer = clock.setTimeout(tick, FLASH_MS);
  };
  stops.push(
    api.on('alerts:attention', (attention) => {
      waiting = attention.waiting;
      const was = flashing;
      flashing = attention.flashing && attention.waiting > 0;
      if (flashing && !was) {
        flashOn = true;
        timer = clock.setTimeout(tick, FLASH_MS);
      }
      if (!flashing && timer) {
        clock.clearTimeout(timer);
        timer = null;
      }
      paint();
    }),
  );
  stops.push(() => {
    if (timer) clock.clearTimeout(timer);
    waiting = 0;
    flashing = false;
    paint();
  });

  // ---- ladder step 3: the handoff card, above everything in the page (components/alert-card-layer.tsx)
  stops.push(
    api.on('alerts:card', ({ handoffId, visible }) => {
      const cards = useAlertCardsStore.getState();
      if (!visible) return cards.cardHidden(handoffId);
      cards.cardShown(handoffId);
      const name = useInboxStore.getState().items[handoffId]?.handoff.customer.name;
      if (name) useUiStore.getState().announced(`The handoff from ${name} is still waiting: answer it on the card at the top right.`);
    }),
  );
  stops.push(() => useAlertCardsStore.getState().reset());

  // ---- the screen, as the policy needs it
  let last = '';
  const sendScreen = () => {
    const screen = screenReportOf(doc);
    const key = JSON.stringify(screen);
    if (key === last) return;
    last = key;
    reportScreen(screen);
  };
  const hidden = () => {
    // Only a tab that last said it was on screen must take that back; a background tab closing
    // must not overrule the tab the agent is using (the latest report wins).
    const wasVisible = last !== '' && (JSON.parse(last) as AlertScreenReport).visible;
    last = '';
    if (wasVisible) reportScreen({ focused: false, visible: false, inboxVisible: false, openHandoffId: null });
  };
  const target: EventTarget = doc.defaultView ?? doc;
  target.addEventListener('focus', sendScreen);
  target.addEventListener('blur', sendScreen);
  target.addEventListener('pagehide', hidden);
  doc.addEventListener('visibilitychange', sendScreen);
  stops.push(() => {
    target.removeEventListener('focus', sendScreen);
    target.removeEventListener('blur', sendScreen);
    target.removeEventListener('pagehide', hidden);
    doc.removeEventListener('visibilitychange', sendScreen);
  });
  stops.push(
    useUiStore.subscribe((state, previous) => {
      if (state.settingsOpen !== previous.settingsOpen || state.helpOpen !== previous.helpOpen) sendScreen();
    }),
  );
  stops.push(
    useConversationStore.subscribe((state, previous) => {
      if (state.activeHandoffId !== previous.activeHandoffId) sendScreen();
    }),
  );
  stops.push(
    useSessionStore.subscribe((state, previous) => {
      if (state.session?.role !== previous.session?.role) sendScreen();
    }),
  );
  // Selecting an offer in the inbox is looking at it.
  stops.push(
    useInboxStore.subscribe((state, previous) => {
      const id = state.selectedId;
      if (!id || id === previous.selectedId || state.items[id]?.handoff.status !== 'offered' || !pageInView(doc)) return;
      reportSeen(id, 'window');
    }),
  );
  // Report again whenever the hub link opens: cheap, and services started anew begin from "hidden".
  stops.push(
    api.on('connection:changed', (connection) => {
      if (connection.status !== 'open') return;
      last = '';
      sendScreen();
    }),
  );
  sendScreen();

  return () => {
    for (const stop of stops.splice(0).reverse()) stop();
    for (const notification of shown.values()) notification.close();
    shown.clear();
  };
}

/** A lead's alerts (SLA breach, falling mood, queue nobody can take), decided as Electron does. */
export function startLeadNotifications(doc: Document = document, now: () => number = Date.now): () => void {
  const shown = new Map<string, Notification>();
  let notified: ReadonlySet<string> = new Set();
  const unsubscribe = useSupervisorStore.subscribe((state, previous) => {
    if (!state.snapshot || state.snapshot === previous.snapshot) return;
    const allowed = notificationsSupported() && Notification.permission === 'granted';
    const preferences = currentAlertPreferences();
    const minute = localMinuteOf(now());
    const decision = decideLeadNotifications({
      alerts: state.snapshot.alerts,
      notified,
      inView: doc.visibilityState === 'visible',
      // As Electron's policy: a breach is a lead's P1, the rest wait out quiet hours.
      quiet: (kind) => !allowed || !preferences.osNotifications || isQuietFor(preferences, kind === 'sla_breached' ? 'P1' : 'P2', minute),
    });
    notified = decision.notified;
    for (const tag of decision.close) {
      shown.get(tag)?.close();
      shown.delete(tag);
    }
    for (const lead of decision.show) {
      // With several tabs open, the one leading the alerts shows it (alert-leader.ts).
      if (!pageLeadsAlerts()) continue;
      const notification = new Notification(lead.title, { body: lead.body, tag: `baton-${lead.tag}`, requireInteraction: lead.urgency === 'critical' });
      notification.onclick = () => {
        window.focus();
        useSupervisorStore.getState().tabChosen('live');
        notification.close();
      };
      shown.set(lead.tag, notification);
    }
  });
  return () => {
    unsubscribe();
    for (const notification of shown.values()) notification.close();
    shown.clear();
  };
}
