// The renderer API's reply-library methods (replies:*), as a handler group for the intelligence
// plugin. Arguments arrive validated by api-dispatch; the service validates macros again with the
// shared ReplyMacro schema and answers bad_request naming the field.
import type { ApiHandlers } from '../../../shared/api';
import type { Handoff } from '../../../shared/domain';
import { BatonError } from '../../../shared/result';
import type { ReplyLibraryService } from './reply-library-service';

export type ReplyLibraryMethod = 'replies:list' | 'replies:save' | 'replies:delete' | 'replies:setHidden' | 'replies:markGood' | 'replies:import' | 'replies:export';

export interface ReplyLibraryHandlerDeps {
  library: ReplyLibraryService;
  lookupHandoff(handoffId: string): Handoff | null | undefined | Promise<Handoff | null | undefined>;
  /** The signed-in agent's name: turned back into {{agent.firstName}} in a good reply. */
  agentName?(): string | undefined;
}

export function createReplyLibraryHandlers(deps: ReplyLibraryHandlerDeps): Pick<ApiHandlers, ReplyLibraryMethod> {
  const { library } = deps;
  return {
    'replies:list': () => library.list(),
    'replies:save': (input) => library.save(input),
    'replies:delete': ({ replyId }) => {
      library.delete(replyId);
      return null;
    },
    'replies:setHidden': ({ replyId, hidden }) => library.setHidden(replyId, hidden),
    'replies:markGood': async ({ handoffId, messageId }) => {
      const handoff = await deps.lookupHandoff(handoffId);
      if (!handoff) throw new BatonError('not_found', `no handoff ${handoffId} on this desktop`);
      return library.markGood(handoff, messageId, deps.agentName?.());
    },
    'replies:import': ({ json, mode }) => library.import(json, mode),
    'replies:export': () => library.export(),
  };
}
