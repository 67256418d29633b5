// Feeds the alert policy (main/services/alerts) from the services' events, the window's state and
// the agent's saved alert preferences (followed as they change), and carries its decisions out
// through alert-actions.ts. The policy decides everything; this only connects. The chime and the
// in-app banner belong to the renderer (alerts:sound, alerts:banner events); with no window to
// play it the system beep stands in. Receipts, "seen" included, come from the policy only (it reports
// seen once per offer however it became seen); the renderer sends none.
import { shell as electronShell, type BrowserWindow } from 'electron';
import { systemClock } from '../../shared/clock';
import { DisposableStore, toDisposable, type Disposable } from '../../shared/lifecycle';
import { alertPolicyFromSettings, followAlertSettings } from '../services/alerts/alert-settings';
import { AlertScheduler } from '../services/alerts/alert-scheduler';
import { alertEventFor } from '../services/alerts/hub-alert-events';
import type { AppServices } from '../services/app-services';
import type { Logger } from '../services/logger';
import type { SettingsStore } from '../services/settings/settings-store';
import { createAlertExecutor } from './alert-actions';
import { createHandoffCards } from './handoff-card-window';
import type { BatonTray } from './tray';

export interface AlertWiringDeps {
  services: AppServices;
  mainWindow(): BrowserWindow | null;
  open(): void;
  tray: BatonTray;
  settings: SettingsStore;
  log: Logger;
}

export function startAlerts(deps: AlertWiringDeps): Disposable {
  const { services, log } = deps;
  const owned = new DisposableStore();
  const call = (what: string, run: () => unknown) => {
    void Promise.resolve()
      .then(run)
      .catch((error: unknown) => log.warn(`alerts: ${what} failed`, error));
  };

  const executor = createAlertExecutor({
    mainWindow: deps.mainWindow,
    playSound: (kind) => {
      const window = deps.mainWindow();
      if (!window || window.isDestroyed() || window.webContents.isCrashed()) {
        electronShell.beep();
        return;
      }
      const { choice, volume } = deps.settings.current().sound;
      services.events.emit('alerts:sound', { kind, choice, volume });
    },
    setTrayBlink: (on) => deps.tray.setBlink(on),
    showBanner: (handoffId, visible) => services.events.emit('alerts:banner', { handoffId, visible }),
    showHandoffCard: owned.add(createHandoffCards({ services, open: deps.open, log })).show,
    openHandoff: (handoffId, via) => {
      deps.open();
      scheduler.dispatch({ type: 'offer-seen', handoffId, via });
    },
    openLead: () => deps.open(),
    accept: (handoffId) => {
      deps.open();
      call('accept from a notification', () => services.handlers['handoffs:accept']({ handoffId }));
    },
    decline: (handoffId) => call('decline from a notification', () => services.handlers['handoffs:decline']({ handoffId, reason: 'Declined from the notification' })),
    pageLead: (handoffId, reason) => call('paging the lead', () => services.handlers['help:raiseHand']({ text: reason, handoffId })),
    sendReceipt: (handoffId, stage, detail) => services.link.receipt(handoffId, stage, detail),
  });
  owned.add(toDisposable(() => executor.dispose()));
  const scheduler = owned.add(new AlertScheduler(alertPolicyFromSettings(deps.settings), systemClock, (actions) => executor.run(actions)));
  owned.add(followAlertSettings(deps.settings, scheduler));

  const lookups = {
    assignedToMe: (handoffId: string) => {
      const item = services.inbox.get(handoffId);
      return item !== undefined && item.offerExpiresAt === null;
    },
    customerNameOf: (handoffId: string) => services.inbox.get(handoffId)?.handoff.customer.name,
  };
  owned.add(
    services.addEventSink((name, payload) => {
      const event = alertEventFor(name, payload, lookups);
      if (event) scheduler.dispatch(event);
    }),
  );

  // The screen as the policy needs it. The inbox is part of the main layout, so a visible,
  // focused window shows it.
  const window = deps.mainWindow();
  if (window) {
    const report = () => {
      if (window.isDestroyed()) return;
      const visible = window.isVisible() && !window.isMinimized();
      const focused = window.isFocused();
      scheduler.dispatch({ type: 'screen-changed', screen: { focused, visible, inboxVisible: visible && focused, openHandoffId: null } });
    };
    const events = ['focus', 'blur', 'show', 'hide', 'minimize', 'restore'] as const;
    for (const name of events) window.on(name as 'focus', report);
    owned.add(toDisposable(() => events.forEach((name) => !window.isDestroyed() && window.off(name as 'focus', report))));
    report();
  }
  return owned;
}
