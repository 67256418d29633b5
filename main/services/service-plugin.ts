// The seam through which the other desktop services (local store, sync, intelligence, alerts) join
// the composition root without it knowing their insides: each plugin starts with the shared
// context, may subscribe to hub-link and inbox events, and contributes API handlers.
import type { Disposable } from '../../shared/lifecycle';
import type { ApiContext, ApiHandlerGroup, ReplyOutbox } from './api/api-context';
import type { AppConfig } from './app-config';
import type { ReplyLibraryStore } from './intelligence/reply-library-store';
import type { EventFanout } from './event-fanout';

export interface PluginContext extends ApiContext {
  config: AppConfig;
  /** Push renderer events (e.g. notes:changed) to every window/tab. */
  events: EventFanout;
}

export interface PluginInstance extends Partial<Disposable> {
  handlers?: ApiHandlerGroup;
  /** The outbox that keeps replies typed while the hub is unreachable (the local store offers one). */
  replyOutbox?: ReplyOutbox;
  /** Where the reply library keeps the team's macros and usage counts (the local store offers one). */
  replyLibraryStore?: ReplyLibraryStore;
}

export interface ServicePlugin {
  readonly name: string;
  start(ctx: PluginContext): Promise<PluginInstance> | PluginInstance;
}
