// The renderer API handlers for on-device intelligence. The composition root spreads the returned
// object into its ApiHandlers; it supplies the service, the suggester and a way to look a handoff up.
import type { ApiHandlers, EventSink } from '../../../shared/api';
import type { Handoff, Message } from '../../../shared/domain';
import type { Disposable } from '../../../shared/lifecycle';
import { BatonError } from '../../../shared/result';
import type { IntelligenceService } from './intelligence-service';
import { moodTrend } from './mood-trend';
import type { ReplyLibraryService } from './reply-library-service';
import type { ReplySuggester } from './reply-suggester';

export type IntelligenceMethod = 'intelligence:status' | 'suggestions:get' | 'suggestions:used' | 'sentiment:trend';

export interface IntelligenceHandlerDeps {
  service: IntelligenceService;
  suggester: ReplySuggester;
  /** When given, uses are counted through the library (persisted, and pushed as replies:changed). */
  library?: Pick<ReplyLibraryService, 'recordUse'>;
  lookupHandoff(handoffId: string): Handoff | null | undefined | Promise<Handoff | null | undefined>;
  /** The signed-in agent's name, for {{agent.firstName}}. */
  agentName?(): string | undefined;
  trendWindow?: number;
}

async function requireHandoff(deps: IntelligenceHandlerDeps, handoffId: string): Promise<Handoff> {
  const handoff = await deps.lookupHandoff(handoffId);
  if (!handoff) throw new BatonError('not_found', `no handoff ${handoffId} on this desktop`);
  return handoff;
}

/** Customer messages without a score get one from the on-device model; if it is unavailable they stay unscored. */
async function withSentiment(service: IntelligenceService, messages: readonly Message[]): Promise<Message[]> {
  const unscored = messages.filter((m) => m.author === 'customer' && !m.sentiment && m.text.trim() !== '');
  if (unscored.length === 0) return [...messages];
  let scores;
  try {
    scores = await service.scoreSentiment(unscored.map((m) => m.text));
  } catch (error) {
    if (error instanceof BatonError && error.code === 'unavailable') return [...messages];
    throw error;
  }
  const byId = new Map(unscored.map((m, i) => [m.id, scores[i]!]));
  return messages.map((m) => (byId.has(m.id) ? { ...m, sentiment: byId.get(m.id)! } : m));
}

export function createIntelligenceHandlers(deps: IntelligenceHandlerDeps): Pick<ApiHandlers, IntelligenceMethod> {
  return {
    'intelligence:status': () => deps.service.status(),
    'suggestions:get': async ({ handoffId }) => {
      const handoff = await requireHandoff(deps, handoffId);
      return deps.suggester.suggest(handoff, deps.agentName?.());
    },
    'suggestions:used': ({ replyId }) => {
      const recorded = deps.library ? deps.library.recordUse(replyId) : deps.suggester.recordUse(replyId);
      if (!recorded) throw new BatonError('not_found', `no reply ${replyId} in the library`);
      return null;
    },
    'sentiment:trend': async ({ handoffId }) => {
      const handoff = await requireHandoff(deps, handoffId);
      const messages = await withSentiment(deps.service, handoff.conversation.messages.slice(-50));
      return moodTrend(messages, { window: deps.trendWindow ?? 5 });
    },
  };
}

/** Pushes every model status change (loaded, failed, worker restarted) to the renderers. */
export function forwardIntelligenceStatus(service: IntelligenceService, sink: EventSink): Disposable {
  return service.onStatusChanged((status) => sink('intelligence:status', status));
}
