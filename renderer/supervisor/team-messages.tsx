// Agents' raised hands (answered with a whisper) and a broadcast to every agent.
import { formatWaiting } from '../format/duration';
import { selectNow, useNowStore } from '../stores/now-store';
import { MessageForm } from './agents-grid';
import { broadcast, whisperTo } from './supervisor-client';
import { useSupervisorStore } from './supervisor-store';

export function TeamMessages() {
  const hands = useSupervisorStore((s) => s.snapshot?.hands ?? []);
  const now = useNowStore(selectNow);
  return (
    <section className="card" aria-labelledby="hands-heading">
      <h3 id="hands-heading">
        Raised hands <span className="count">{hands.length}</span>
      </h3>
      {hands.length === 0 ? (
        <p className="muted">No agent is asking for help.</p>
      ) : (
        <ul className="hand-list" aria-label="Raised hands">
          {hands.map((hand) => (
            <li key={hand.id}>
              <p>
                <strong>{hand.agentName}</strong> <span className="muted">{formatWaiting(now - Date.parse(hand.at))} ago</span>: {hand.text}
              </p>
              <MessageForm
                label={`Answer ${hand.agentName}`}
                submitLabel="Answer"
                onSend={(text) => whisperTo(hand.agentId, text, { handRaiseId: hand.id, ...(hand.handoffId ? { handoffId: hand.handoffId } : {}) })}
              />
            </li>
          ))}
        </ul>
      )}
      <h4>Broadcast to all agents</h4>
      <MessageForm label="Broadcast to all agents" submitLabel="Broadcast" onSend={broadcast} />
    </section>
  );
}
