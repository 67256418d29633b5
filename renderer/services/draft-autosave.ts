// Reply drafts are saved to the local store shortly after the agent stops typing, so a crash,
// a reload or a day offline loses nothing. Time comes from an injected clock (tests move it).
import type { Clock, TimerHandle } from '../../shared/clock';
import { useConversationStore } from '../stores/conversation-store';
import { saveDraft } from './baton-client';

export const DRAFT_SAVE_DELAY_MS = 800;

export function startDraftAutosave(clock: Clock, delayMs = DRAFT_SAVE_DELAY_MS): () => void {
  const timers = new Map<string, TimerHandle>();
  /** What the local store holds per handoff, so loading a saved draft does not write it back. */
  const saved = new Map<string, string>();

  const flush = (handoffId: string) => {
    timers.delete(handoffId);
    const text = useConversationStore.getState().drafts[handoffId] ?? '';
    if (saved.get(handoffId) === text) return;
    saved.set(handoffId, text);
    void saveDraft(handoffId, text);
  };

  const unsubscribe = useConversationStore.subscribe((state, previous) => {
    if (state.drafts === previous.drafts) return;
    for (const [handoffId, text] of Object.entries(state.drafts)) {
      if (previous.drafts[handoffId] === text) continue;
      if (state.draftOrigin[handoffId] === 'store') {
        saved.set(handoffId, text);
        continue;
      }
      const pending = timers.get(handoffId);
      if (pending) clock.clearTimeout(pending);
      timers.set(handoffId, clock.setTimeout(() => flush(handoffId), delayMs));
    }
  });

  return () => {
    unsubscribe();
    // Whatever is still waiting is written now rather than lost.
    for (const [handoffId, timer] of timers) {
      clock.clearTimeout(timer);
      flush(handoffId);
    }
    timers.clear();
  };
}
