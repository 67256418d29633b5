// The one place the renderer API's handlers are put together: each domain contributes a group
// (session, handoffs, presence here; notes, cache, intelligence from their own folders). A method
// no group handles answers `unavailable` and is named in the log at startup, so a missing piece is
// visible rather than a crash.
import { apiMethods, type ApiHandlers, type MethodName } from '../../shared/api';
import { BatonError } from '../../shared/result';
import type { ApiContext, ApiHandlerGroup } from './api/api-context';
import { directoryHandlers } from './api/directory-handlers';
import { handoffHandlers } from './api/handoff-handlers';
import { presenceHandlers } from './api/presence-handlers';
import { sessionHandlers } from './api/session-handlers';
import type { Logger } from './logger';

export function coreHandlerGroups(ctx: ApiContext): ApiHandlerGroup[] {
  return [sessionHandlers(ctx), handoffHandlers(ctx), presenceHandlers(ctx), directoryHandlers(ctx)];
}

export function composeApiHandlers(groups: ApiHandlerGroup[], log: Logger): { handlers: ApiHandlers; missing: MethodName[] } {
  const handlers: Partial<Record<MethodName, unknown>> = {};
  for (const group of groups) {
    for (const [method, handler] of Object.entries(group) as Array<[MethodName, unknown]>) {
      if (handler === undefined) continue;
      if (handlers[method]) throw new Error(`two handler groups both handle ${method}`);
      handlers[method] = handler;
    }
  }
  const missing = (Object.keys(apiMethods) as MethodName[]).filter((method) => !handlers[method]);
  for (const method of missing) {
    handlers[method] = () => {
      throw new BatonError('unavailable', `${method} is not available in this build of Baton`);
    };
  }
  if (missing.length > 0) log.warn(`api: no handler for ${missing.join(', ')} (they answer "unavailable")`);
  return { handlers: handlers as ApiHandlers, missing };
}
