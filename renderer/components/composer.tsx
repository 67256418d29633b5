// Where the agent writes to the customer. Ctrl+Enter (or ⌘+Enter) sends; the draft survives
// switching conversations. Reply suggestions from the on-device models sit above the text box.
import { useId, type FormEvent, type KeyboardEvent } from 'react';
import { sendReply } from '../services/baton-client';
import { useConversationStore } from '../stores/conversation-store';
import { selectConversationError, selectDraft, selectSending } from '../stores/conversation-selectors';
import { SuggestionChips } from './suggestion-chips';

export function Composer({ handoffId, customerName }: { handoffId: string; customerName: string }) {
  const draft = useConversationStore(selectDraft(handoffId));
  const sending = useConversationStore(selectSending(handoffId));
  const error = useConversationStore(selectConversationError(handoffId));
  const inputId = useId();
  const hintId = useId();

  const send = () => {
    if (sending || draft.trim() === '') return;
    void sendReply(handoffId, draft.trim());
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="composer" aria-label="Reply" onSubmit={onSubmit}>
      <SuggestionChips handoffId={handoffId} />
      <label htmlFor={inputId} className="visually-hidden">
        Reply to {customerName}
      </label>
      <textarea
        id={inputId}
        className="composer-input"
        data-composer="true"
        rows={3}
        maxLength={20_000}
        placeholder={`Reply to ${customerName}…`}
        aria-describedby={hintId}
        value={draft}
        onChange={(e) => useConversationStore.getState().draftChanged(handoffId, e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-bar">
        <span id={hintId} className="hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to send
        </span>
        {error ? (
          <span className="form-error" role="alert">
            {error}
          </span>
        ) : null}
        <button type="submit" className="button button-primary" disabled={sending || draft.trim() === ''}>
          {sending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
