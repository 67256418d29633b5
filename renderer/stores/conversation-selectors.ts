// Selectors for the conversation store.
import type { Message } from '../../shared/domain';
import type { ConversationState } from './conversation-store';

const NO_MESSAGES: Message[] = [];

export const selectActiveHandoffId = (s: ConversationState) => s.activeHandoffId;
export const selectLiveMessages = (handoffId: string) => (s: ConversationState) => s.liveMessages[handoffId] ?? NO_MESSAGES;
export const selectDraft = (handoffId: string) => (s: ConversationState) => s.drafts[handoffId] ?? '';
export const selectSending = (handoffId: string) => (s: ConversationState) => s.sending[handoffId] === true;
export const selectConversationError = (handoffId: string) => (s: ConversationState) => s.errors[handoffId] ?? null;

/** The full transcript: the handoff's messages plus live ones, each once, oldest first. */
export function mergeTranscript(base: readonly Message[], live: readonly Message[]): Message[] {
  if (live.length === 0) return base as Message[];
  const seen = new Map(base.map((m, i) => [m.id, i]));
  const merged = [...base];
  for (const message of live) {
    const at = seen.get(message.id);
    if (at === undefined) {
      seen.set(message.id, merged.length);
      merged.push(message);
    } else if (merged[at]!.pending && !message.pending) {
      // The hub confirmed a reply that was waiting offline.
      merged[at] = message;
    }
  }
  // Stable sort keeps arrival order for messages stamped with the same time.
  return merged.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
