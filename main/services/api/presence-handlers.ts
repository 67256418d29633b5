// presence:set: mirrored to the hub, which routes offers by it. The OS presence monitor passes the
// reason (screen locked, asleep, idle) so the agent's header can say why they are Away; the hub
// echoes the agent's new status (agent_updated), and that echo becomes 'session:changed'.
import { Presence } from '../../../shared/domain';
import type { ApiContext, ApiHandlerGroup } from './api-context';
import { valueOrThrow } from './hub-result';

export function presenceHandlers(ctx: ApiContext): ApiHandlerGroup {
  const holder = (ctx.presenceReason ??= { current: null });
  return {
    'presence:set': async ({ presence, reason }) => {
      const before = holder.current;
      // Set before the hub answers: its agent_updated echo may arrive first, and carries the session.
      holder.current = reason ? { presence, reason } : null;
      let value: unknown;
      try {
        value = valueOrThrow(await ctx.link.setPresence(presence));
      } catch (error) {
        holder.current = before;
        throw error;
      }
      const confirmed = Presence.safeParse(value ?? presence);
      if (confirmed.success) return confirmed.data;
      const nested = Presence.safeParse((value as { presence?: unknown } | null)?.presence);
      return nested.success ? nested.data : presence;
    },
  };
}
