// The alert ladder for the browser host: the same AlertPolicy + AlertScheduler that Electron runs
// (main/electron/alert-wiring.ts), fed from the same service events, with an executor that turns
// each decision into an API event the page carries out (renderer/services/browser-notifications.ts):
// the chime, the in-app banner, a page Notification, a flashing tab title with a count, the handoff
// card inside the page. Paging the lead and the receipts (delivered / alerted / seen) go to the hub
// from here, so they are sent once however many tabs are open.
//
// The page reports what it shows ('alerts:screen') and when the agent looked at an offer
// ('alerts:seen'). With several tabs open, the most recent report wins: the tab the agent touched
// last is the one the policy believes.
//
// Only the web host adds this plugin (default-plugins.ts `alerts`); Electron keeps its own wiring,
// so an agent is never alerted twice.
import { DisposableStore } from '../../../shared/lifecycle';
import type { Clock } from '../../../shared/clock';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { SettingsStore } from '../settings/settings-store';
import type { PluginContext, ServicePlugin } from '../service-plugin';
import { AlertPolicy, type AlertAction } from './alert-policy';
import { AlertScheduler } from './alert-scheduler';
import { alertPolicyFromSettings, followAlertSettings } from './alert-settings';
import { alertEventFor } from './hub-alert-events';

export interface AlertsPluginOptions {
  /** The agent's saved settings (alert preferences, sound); followed as they change. Without it the defaults apply. */
  settings?: SettingsStore;
  /** Defaults to the services' clock; tests pass a ManualClock to step through the ladder. */
  clock?: Clock;
  /** Local minute of the day for an epoch ms (quiet hours); injected by tests. */
  localMinuteOfDay?: (epochMs: number) => number;
}

export function alertsPlugin(options: AlertsPluginOptions = {}): ServicePlugin {
  return {
    name: 'alerts',
    start(ctx) {
      const owned = new DisposableStore();
      const clock = options.clock ?? ctx.clock;
      const policyOptions = options.localMinuteOfDay ? { localMinuteOfDay: options.localMinuteOfDay } : {};
      const policy = options.settings ? alertPolicyFromSettings(options.settings, policyOptions) : new AlertPolicy(policyOptions);
      if (!options.settings) ctx.log.warn('alerts: no settings store given; the default alert preferences apply');
      const execute = alertExecutor(ctx, options.settings, (what, error) => ctx.log.warn(`alerts: ${what} failed`, error));
      const scheduler = owned.add(new AlertScheduler(policy, clock, (actions) => actions.forEach(execute)));
      if (options.settings) owned.add(followAlertSettings(options.settings, scheduler));

      const lookups = {
        assignedToMe: (handoffId: string) => {
          const item = ctx.inbox.get(handoffId);
          return item !== undefined && item.offerExpiresAt === null;
        },
        customerNameOf: (handoffId: string) => ctx.inbox.get(handoffId)?.handoff.customer.name,
      };
      // Its own alert events pass through the same fan-out; they translate to nothing.
      owned.add(
        ctx.events.add((name, payload) => {
          const event = alertEventFor(name, payload, lookups);
          if (event) scheduler.dispatch(event);
        }),
      );
      return {
        handlers: {
          'alerts:screen': (screen) => {
            scheduler.dispatch({ type: 'screen-changed', screen });
            return null;
          },
          'alerts:seen': ({ handoffId, via }) => {
            scheduler.dispatch({ type: 'offer-seen', handoffId, via });
            return null;
          },
        },
        dispose: () => owned.dispose(),
      };
    },
  };
}

/** Carries one decision out as an API event (or a hub frame); no "whether" here, the policy decided. */
function alertExecutor(ctx: PluginContext, settings: SettingsStore | undefined, failed: (what: string, error: unknown) => void): (action: AlertAction) => void {
  let waiting = 0;
  let flashing = false;
  const attention = () => ctx.events.emit('alerts:attention', { flashing, waiting });
  return (action) => {
    switch (action.type) {
      case 'play-sound': {
        const { choice, volume } = settings?.current().sound ?? DEFAULT_SETTINGS.sound;
        ctx.events.emit('alerts:sound', { kind: action.sound, choice, volume });
        return;
      }
      case 'show-notification':
        ctx.events.emit('alerts:notification', {
          type: 'show',
          tag: action.tag,
          handoffId: action.handoffId,
          title: action.title,
          body: action.body,
          urgency: action.urgency,
          actions: [...action.actions],
        });
        return;
      case 'close-notification':
        ctx.events.emit('alerts:notification', { type: 'close', tag: action.tag });
        return;
      case 'show-banner':
      case 'hide-banner':
        ctx.events.emit('alerts:banner', { handoffId: action.handoffId, visible: action.type === 'show-banner' });
        return;
      case 'request-attention':
      case 'cancel-attention':
        flashing = action.type === 'request-attention';
        attention();
        return;
      case 'set-badge':
        waiting = action.count;
        attention();
        return;
      case 'show-handoff-card':
      case 'hide-handoff-card':
        ctx.events.emit('alerts:card', { handoffId: action.handoffId, visible: action.type === 'show-handoff-card' });
        return;
      case 'page-lead':
        // What `help:raiseHand` sends (supervision-plugin.ts), straight to the hub.
        void ctx.link
          .request({ type: 'raise_hand', text: action.reason, handoffId: action.handoffId })
          .then((result) => {
            if (!result.ok) failed(`paging the lead about ${action.handoffId}`, result.error.message);
          })
          .catch((error: unknown) => failed(`paging the lead about ${action.handoffId}`, error));
        return;
      case 'receipt':
        ctx.link.receipt(action.handoffId, action.stage, action.detail);
        return;
      case 'tray-blink':
      case 'show-lead-notification':
        // No tray in a browser (the title's count stands in); a lead's alerts are decided in the
        // page from the supervisor snapshot (startLeadNotifications).
        return;
    }
  };
}
