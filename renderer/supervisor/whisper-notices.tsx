// What an agent sees of the supervisor view: whispers and broadcasts from leads, and a way to raise
// a hand (ask a lead for help), optionally about the conversation on screen.
import { useState } from 'react';
import { useConversationStore } from '../stores/conversation-store';
import { MessageForm } from './agents-grid';
import { raiseHand } from './supervisor-client';
import { useSupervisorStore } from './supervisor-store';
import './whisper-notices.css';

export function WhisperNotices() {
  const whispers = useSupervisorStore((s) => s.whispers);
  const activeHandoffId = useConversationStore((s) => s.activeHandoffId);
  const [asking, setAsking] = useState(false);
  return (
    <div className="whispers">
      {whispers.length > 0 ? (
        <ul aria-label="Messages from leads" className="whisper-list">
          {whispers.map((w) => (
            <li key={w.id} className="banner banner-info">
              <strong>{w.toAgentId ? `Whisper from ${w.fromName}` : `Broadcast from ${w.fromName}`}:</strong> {w.text}{' '}
              <button type="button" className="button button-quiet" onClick={() => useSupervisorStore.getState().whisperDismissed(w.id)}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="raise-hand">
        {asking ? (
          <MessageForm
            label="What do you need help with?"
            submitLabel="Ask a lead"
            onSend={(text) => raiseHand(text, activeHandoffId ?? undefined)}
            onDone={() => setAsking(false)}
          />
        ) : (
          <button type="button" className="button button-quiet" onClick={() => setAsking(true)}>
            Raise hand
          </button>
        )}
      </div>
    </div>
  );
}
