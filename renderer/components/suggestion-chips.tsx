// Reply suggestions from the on-device models, as chips above the composer. Choosing one fills
// the draft for the agent to edit; nothing is sent without them. Hidden when there are none.
import type { ReplySuggestion } from '../../shared/intelligence';
import { useConversationStore } from '../stores/conversation-store';
import { useIntelligenceStore } from '../stores/intelligence-store';
import { selectChosenSuggestion, selectSuggestions } from '../stores/intelligence-selectors';

export function SuggestionChips({ handoffId }: { handoffId: string }) {
  const suggestions = useIntelligenceStore(selectSuggestions(handoffId));
  const chosenId = useIntelligenceStore(selectChosenSuggestion(handoffId));
  const unavailable = useIntelligenceStore((s) => (s.status?.embeddings.state === 'unavailable' ? (s.status.embeddings.reason ?? 'the model could not be loaded') : null));
  if (suggestions.length === 0) {
    // Say why there are none rather than leave the agent wondering; never invent any.
    return unavailable ? <p className="hint">Reply suggestions are off: {unavailable}</p> : null;
  }
  const chosen = suggestions.find((s) => s.replyId === chosenId);

  const choose = (suggestion: ReplySuggestion) => {
    useConversationStore.getState().draftChanged(handoffId, suggestion.text);
    useIntelligenceStore.getState().suggestionChosen(handoffId, suggestion.replyId);
    document.querySelector<HTMLTextAreaElement>('[data-composer="true"]')?.focus();
  };

  return (
    <div className="suggestions">
      <ul className="chips" role="list" aria-label="Suggested replies">
        {suggestions.map((s) => (
          <li key={s.replyId}>
            <button
              type="button"
              className={s.replyId === chosenId ? 'chip-button chip-button-chosen' : 'chip-button'}
              aria-pressed={s.replyId === chosenId}
              title={s.text}
              onClick={() => choose(s)}
            >
              {s.title}
            </button>
          </li>
        ))}
      </ul>
      {chosen && chosen.missing.length > 0 ? (
        <p className="hint">Fill in before sending: {chosen.missing.join(', ')}</p>
      ) : null}
    </div>
  );
}
