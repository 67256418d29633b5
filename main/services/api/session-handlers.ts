// session:get: who this desktop is signed in as and how its hub connection is doing.
import type { Session } from '../../../shared/api';
import type { ApiContext, ApiHandlerGroup } from './api-context';

export function currentSession(ctx: ApiContext): Session {
  const agent = ctx.link.agent;
  return {
    mode: ctx.mode,
    hubUrl: ctx.hubUrl,
    agent,
    role: agent?.role ?? ctx.role,
    connection: ctx.link.state,
  };
}

export function sessionHandlers(ctx: ApiContext): ApiHandlerGroup {
  return {
    'session:get': () => currentSession(ctx),
  };
}
