// The composition root of the desktop services: builds everything from one validated config, owns
// it through a DisposableStore, and runs startup and shutdown in explicit phases:
//   startup:  data folder → embedded hub (demo) → hub link + inbox → plugins (store, …) → API
//             handlers → connect → simulated traffic (demo)
//   shutdown: the same in reverse (traffic stops first, the embedded hub closes last).
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { EventSink, Session } from '../../shared/api';
import { systemClock, type Clock } from '../../shared/clock';
import { DisposableStore, toDisposable, type Disposable } from '../../shared/lifecycle';
import type { ApiBackend } from './api-backend';
import type { ApiContext, ApiHandlerGroup } from './api/api-context';
import { currentSession } from './api/session-handlers';
import { parseAppConfig, type AppConfig, type AppConfigInput } from './app-config';
import { composeApiHandlers, coreHandlerGroups } from './api-handlers';
import { startDemoEnvironment, type DemoEnvironment } from './demo/demo-environment';
import { EventFanout } from './event-fanout';
import { HubLink } from './hub-link/hub-link';
import { Inbox } from './inbox/inbox';
import { connectInboxToLink } from './inbox/link-to-inbox';
import { consoleLogger, type Logger } from './logger';
import type { ServicePlugin } from './service-plugin';
import { supervisionPlugin } from './supervision/supervision-plugin';

export type { AppConfig, AppConfigInput } from './app-config';

export interface AppServicesDeps {
  log?: Logger;
  clock?: Clock;
  random?: () => number;
  /** Further services (local store, intelligence, alerts) and their API handlers. */
  plugins?: ServicePlugin[];
}

export interface AppServices extends ApiBackend, Disposable {
  readonly config: AppConfig;
  readonly link: HubLink;
  readonly inbox: Inbox;
  /** The embedded hub and simulator in demo mode; null when linked to a real hub. */
  readonly demo: DemoEnvironment | null;
  readonly events: EventFanout;
  session(): Session;
  dispose(): Promise<void>;
}

export async function createAppServices(input: AppConfigInput, deps: AppServicesDeps = {}): Promise<AppServices> {
  const config = parseAppConfig(input);
  const log = deps.log ?? consoleLogger;
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const owned = new DisposableStore();

  try {
    // Phase 1: the data folder.
    await mkdir(config.dataDir, { recursive: true });

    // Phase 2: in demo mode, a hub of our own to talk to.
    let demo: DemoEnvironment | null = null;
    let hubUrl: string;
    let token: string;
    if (config.mode === 'demo') {
      demo = owned.add(await startDemoEnvironment({ dataDir: config.dataDir, traffic: config.demo, clock, random, log, colleagues: config.demo.colleagues ?? config.role === 'supervisor' }));
      hubUrl = demo.hubUrl;
      token = config.role === 'supervisor' ? demo.tokens.supervisor : demo.tokens.agent;
    } else {
      hubUrl = config.hubUrl!;
      token = config.token!;
    }

    // Phase 3: the link and what listens to it.
    const events = new EventFanout(log);
    const link = new HubLink({ url: hubUrl, token, clock, random, client: config.client, log });
    owned.add(link);
    const inbox = new Inbox(() => link.agent?.id ?? null, clock);
    owned.add(connectInboxToLink(inbox, link));
    const offInbox = inbox.onChange((change) => events.emit(change.event, change.payload as never));
    const offState = link.on('state', (state) => events.emit('connection:changed', state));
    owned.add(
      toDisposable(() => {
        offInbox();
        offState();
      }),
    );

    const ctx: ApiContext = { mode: config.mode, hubUrl, role: config.role, link, inbox, clock, log, newId: () => randomUUID() };

    // Phase 4: plugins (local store, sync, intelligence, alerts) join before the first event arrives.
    const groups: ApiHandlerGroup[] = coreHandlerGroups(ctx);
    // A plugin that cannot start is logged and left out (its methods answer `unavailable`): the
    // agent still gets offers without, say, the local store.
    for (const plugin of [supervisionPlugin, ...(deps.plugins ?? [])]) {
      try {
        const instance = await plugin.start({ ...ctx, config, events });
        if (instance.dispose) owned.add({ dispose: () => instance.dispose!() });
        if (instance.handlers) groups.push(instance.handlers);
        // The core reply handler reads it at call time, so it can come from a plugin started later.
        if (instance.replyOutbox) ctx.replyOutbox = instance.replyOutbox;
        if (instance.replyLibraryStore) ctx.replyLibraryStore = instance.replyLibraryStore;
      } catch (error) {
        log.error(`services: ${plugin.name} could not start; its features are unavailable`, error);
      }
    }

    // Phase 5: the API.
    const { handlers } = composeApiHandlers(groups, log);

    // Phase 6: connect, then (demo) let the simulated bot platform start posting.
    link.start();
    if (demo) demo.startTraffic();

    return {
      config,
      link,
      inbox,
      demo,
      events,
      handlers,
      addEventSink: (sink: EventSink) => events.add(sink),
      session: () => currentSession(ctx),
      dispose: () => owned.dispose(),
    };
  } catch (error) {
    await owned.dispose().catch((disposeError: unknown) => log.error('services: cleanup after a failed start failed too', disposeError));
    throw error;
  }
}
