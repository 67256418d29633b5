// presence:set: mirrored to the hub, which routes offers by it.
import { Presence } from '../../../shared/domain';
import type { ApiContext, ApiHandlerGroup } from './api-context';
import { valueOrThrow } from './hub-result';

export function presenceHandlers(ctx: ApiContext): ApiHandlerGroup {
  return {
    'presence:set': async ({ presence }) => {
      const value = valueOrThrow(await ctx.link.setPresence(presence));
      const confirmed = Presence.safeParse(value ?? presence);
      if (confirmed.success) return confirmed.data;
      const nested = Presence.safeParse((value as { presence?: unknown } | null)?.presence);
      return nested.success ? nested.data : presence;
    },
  };
}
