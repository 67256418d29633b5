// agents:list: the colleagues this agent may transfer to, as the hub's directory lists them (other
// agents' names, presence, skills and whether they are linked; nothing sensitive).
import { DirectoryResult } from '../../../shared/hub-protocol';
import { BatonError } from '../../../shared/result';
import type { ApiContext, ApiHandlerGroup } from './api-context';
import { valueOrThrow } from './hub-result';

export function directoryHandlers(ctx: ApiContext): ApiHandlerGroup {
  return {
    'agents:list': async () => {
      const parsed = DirectoryResult.safeParse(valueOrThrow(await ctx.link.request({ type: 'directory' })));
      if (!parsed.success) throw new BatonError('internal', 'the hub answered the directory with an unexpected shape');
      return parsed.data.agents;
    },
  };
}
