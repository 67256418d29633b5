// Every agent by name: presence (which a lead may change), load against capacity, time in status,
// their open conversations with the customer's mood, offers they missed today; and a whisper box.
import { useId, useState } from 'react';
import { PRESENCES, type Presence } from '../../shared/domain';
import type { SupervisedAgent, SupervisedHandoff } from '../../shared/supervision';
import { formatWaiting } from '../format/duration';
import { PRESENCE_LABELS } from '../format/labels';
import { selectNow, useNowStore } from '../stores/now-store';
import { setAgentPresence, whisperTo } from './supervisor-client';
import { useSupervisorStore } from './supervisor-store';

/** An agent who let this many offers time out today is flagged. */
const MISSED_FLAG = 2;

export function AgentsGrid() {
  const agents = useSupervisorStore((s) => s.snapshot?.agents ?? []);
  const handoffs = useSupervisorStore((s) => s.snapshot?.handoffs ?? []);
  const byId = new Map(handoffs.map((h) => [h.id, h]));
  return (
    <section className="card" aria-labelledby="agents-heading">
      <h3 id="agents-heading">
        Agents <span className="count">{agents.filter((a) => a.connected).length} online</span>
      </h3>
      <table className="supervisor-table agents-grid" aria-label="Agents">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Status</th>
            <th scope="col">Load</th>
            <th scope="col">In status</th>
            <th scope="col">Conversations</th>
            <th scope="col">Missed</th>
            <th scope="col">
              <span className="visually-hidden">Whisper</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <AgentRow key={agent.id} agent={agent} conversations={agent.conversations.map((id) => byId.get(id)).filter((h) => h !== undefined)} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AgentRow({ agent, conversations }: { agent: SupervisedAgent; conversations: SupervisedHandoff[] }) {
  const now = useNowStore(selectNow);
  const [whispering, setWhispering] = useState(false);
  const presenceId = useId();
  const loadShare = agent.capacity > 0 ? agent.load / agent.capacity : 0;
  return (
    <>
      <tr className={agent.missedOffers >= MISSED_FLAG ? 'row-alert' : undefined} aria-label={agent.name}>
        <th scope="row">
          {agent.name}
          {agent.role === 'supervisor' ? <span className="muted"> (lead)</span> : null}
        </th>
        <td>
          <label htmlFor={presenceId} className="visually-hidden">
            Status of {agent.name}
          </label>
          <select
            id={presenceId}
            className={`presence-select presence-${agent.presence}`}
            value={agent.presence}
            disabled={agent.role !== 'agent'}
            onChange={(e) => void setAgentPresence(agent.id, e.target.value as Presence)}
          >
            {PRESENCES.map((p) => (
              <option key={p} value={p} disabled={p === 'offline'}>
                {PRESENCE_LABELS[p]}
              </option>
            ))}
          </select>
        </td>
        <td>
          <meter min={0} max={Math.max(1, agent.capacity)} value={agent.load} high={Math.max(1, agent.capacity) * 0.99} aria-label={`Load of ${agent.name}`} />{' '}
          <span className={loadShare >= 1 ? 'sla-warning' : undefined}>
            {agent.load}/{agent.capacity}
          </span>
        </td>
        <td>{formatWaiting(now - Date.parse(agent.statusSince))}</td>
        <td>
          {conversations.length === 0 ? (
            <span className="muted">—</span>
          ) : (
            <ul className="agent-conversations">
              {conversations.map((h) => (
                <li key={h.id} className={(h.moodNow ?? h.moodAtHandoff ?? 0) < -0.3 ? 'mood mood-negative' : 'mood'}>
                  <span className="mood-dot" aria-hidden="true" /> {h.customerName}
                </li>
              ))}
            </ul>
          )}
          {agent.offers.length > 0 ? <span className="muted"> +{agent.offers.length} offered</span> : null}
        </td>
        <td className={agent.missedOffers >= MISSED_FLAG ? 'sla-breached' : undefined}>
          {agent.missedOffers}
          {agent.declinedOffers > 0 ? <span className="muted"> ({agent.declinedOffers} declined)</span> : null}
        </td>
        <td>
          {agent.role === 'agent' ? (
            <button type="button" className="button button-quiet" onClick={() => setWhispering((w) => !w)} aria-expanded={whispering}>
              Whisper
            </button>
          ) : null}
        </td>
      </tr>
      {whispering ? (
        <tr>
          <td colSpan={7}>
            <MessageForm label={`Whisper to ${agent.name}`} submitLabel="Send whisper" onSend={(text) => whisperTo(agent.id, text)} onDone={() => setWhispering(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

export function MessageForm({
  label,
  submitLabel,
  onSend,
  onDone,
}: {
  label: string;
  submitLabel: string;
  onSend(text: string): Promise<boolean>;
  onDone?: () => void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  return (
    <form
      className="message-form"
      onSubmit={(e) => {
        e.preventDefault();
        const trimmed = text.trim();
        if (!trimmed) return;
        setBusy(true);
        void onSend(trimmed).then((sent) => {
          setBusy(false);
          if (sent) {
            setText('');
            onDone?.();
          }
        });
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="text" value={text} maxLength={2000} placeholder={label} onChange={(e) => setText(e.target.value)} disabled={busy} />
      <button type="submit" className="button button-primary" disabled={busy || text.trim() === ''}>
        {submitLabel}
      </button>
    </form>
  );
}
