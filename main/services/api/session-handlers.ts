// session:get: who this desktop is signed in as and how its hub connection is doing.
import type { Session } from '../../../shared/api';
import type { ApiContext, ApiHandlerGroup } from './api-context';

export function currentSession(ctx: ApiContext): Session {
  const agent = ctx.link.agent;
  return {
    mode: ctx.mode,
    // The link's address, not the one at start: Settings can point the link at another hub.
    hubUrl: ctx.link.url,
    agent,
    role: agent?.role ?? ctx.role,
    connection: ctx.link.state,
    // A reason the OS gave for a status the hub no longer reports (a lead or the agent changed it since) is stale.
    presenceReason: agent && ctx.presenceReason?.current?.presence === agent.presence ? ctx.presenceReason.current.reason : null,
  };
}

export function sessionHandlers(ctx: ApiContext): ApiHandlerGroup {
  return {
    'session:get': () => currentSession(ctx),
  };
}
