// The operating-system integrations that join the running services: presence from the OS
// (lock, suspend, idle → Away, back → the status before), automatic updates that never restart
// under open work, and baton:// links that arrived before the services were ready.
// Type-checked only (the Electron binary is absent here).
import type { ApiBackend } from '../services/api-backend';
import type { AppServices } from '../services/app-services';
import type { Logger } from '../services/logger';
import type { DeepLink } from '../services/links/deep-link';
import { systemClock } from '../../shared/clock';
import type { Presence } from '../../shared/domain';
import { DisposableStore, toDisposable, type Disposable } from '../../shared/lifecycle';
import type { AwayReason } from '../services/presence/presence-policy';
import { createPresenceMonitor } from './presence-monitor';
import { createUpdater } from './updater';

export interface OsIntegrations extends Disposable {
  /** The API as the renderer should reach it: a presence the agent picks also tells the OS policy. */
  readonly backend: ApiBackend;
  /** Shows a baton:// link's handoff in the renderer. */
  openLink(link: DeepLink): void;
}

export function startOsIntegrations(services: AppServices, log: Logger): OsIntegrations {
  const owned = new DisposableStore();
  const setPresence = services.handlers['presence:set'];
  // What was last sent to the hub, by the agent or the OS: a repeat is not sent again.
  let sent: Presence | null = null;
  const mirror = async (next: Presence, reason?: AwayReason) => {
    if (next === sent) return next;
    const result = await setPresence({ presence: next, ...(reason ? { reason } : {}) });
    sent = next;
    return result;
  };

  // The OS's verdict goes straight to the services; only the agent's own choice is "manual".
  const presence = owned.add(
    createPresenceMonitor({
      initial: services.link.agent?.presence ?? 'available',
      clock: systemClock,
      report: (next: Presence, reason: AwayReason | null) => {
        mirror(next, reason ?? undefined).catch((error: unknown) => log.warn(`presence: could not mirror "${next}" to the hub`, error));
      },
    }),
  );
  // The hub remembers the agent's status across restarts: it becomes the status to return to.
  const offWelcome = services.link.on('welcome', ({ agent }) => {
    sent = agent.presence;
    presence.choose(agent.presence);
  });
  owned.add(toDisposable(offWelcome));

  owned.add(
    createUpdater({
      clock: systemClock,
      log,
      agentChannel: 'stable',
      openWork: () => ({
        acceptedConversations: services.inbox.list().filter((item) => item.handoff.status === 'accepted').length,
        waitingOffers: services.inbox.waitingOffers(),
      }),
      // No update screen in the renderer yet: the status goes to the log.
      onStatus: (status) => log.info(`updates: ${status.kind}`),
    }),
  );

  const backend: ApiBackend = {
    handlers: {
      ...services.handlers,
      'presence:set': async (args) => {
        const result = await mirror(args.presence);
        presence.choose(args.presence);
        return result;
      },
    },
    addEventSink: (sink) => services.addEventSink(sink),
  };

  return {
    backend,
    openLink(link) {
      if (link.kind === 'handoff') services.events.emit('link:opened', { kind: 'handoff', handoffId: link.handoffId });
      else log.info(`links: Settings${link.section ? ` (${link.section})` : ''} has no screen in the renderer yet; the window was brought to the front`);
    },
    dispose: () => owned.dispose(),
  };
}
