// Waiting handoffs (by priority, longest-waiting first) and those being worked on: age, SLA timer,
// predicted breach, who holds it, the re-offer chain, the mood, the receipts path, and the lead's
// actions (offer to an agent, assign outright, send back to a queue).
import { memo, useId, useState } from 'react';
import { TRIGGER_LABELS } from '../../shared/domain';
import type { SupervisedHandoff } from '../../shared/supervision';
import { formatClockTime, formatCountdown, formatWaiting } from '../format/duration';
import { selectNow, useNowStore } from '../stores/now-store';
import { reassignHandoff } from './supervisor-client';
import { useSupervisorStore } from './supervisor-store';

const STAGE_LABELS: Record<string, string> = {
  received: 'received',
  queued: 'queued',
  offered: 'offered',
  re_offered: 're-offered',
  delivered: 'delivered',
  alerted: 'alerted',
  seen: 'seen',
  accepted: 'accepted',
  declined: 'declined',
  timed_out: 'timed out',
  transferred: 'transferred',
  sla_breached: 'SLA breached',
  resolved: 'resolved',
  abandoned: 'abandoned',
};

export function HandoffBoard() {
  const handoffs = useSupervisorStore((s) => s.snapshot?.handoffs ?? []);
  const more = useSupervisorStore((s) => s.snapshot?.moreHandoffs ?? 0);
  const waiting = handoffs.filter((h) => h.acceptedAt === null);
  const active = handoffs.filter((h) => h.acceptedAt !== null);
  return (
    <>
      <section className="card" aria-labelledby="waiting-heading">
        <h3 id="waiting-heading">
          Waiting <span className="count">{waiting.length}</span>
        </h3>
        {waiting.length === 0 ? <p className="muted">Every handoff has an agent.</p> : <HandoffList label="Waiting handoffs" handoffs={waiting} />}
      </section>
      <section className="card" aria-labelledby="active-heading">
        <h3 id="active-heading">
          In conversation <span className="count">{active.length}</span>
        </h3>
        {active.length === 0 ? <p className="muted">No conversation in progress.</p> : <HandoffList label="Handoffs in conversation" handoffs={active} />}
        {more > 0 ? <p className="muted">{more} more not listed (the queue counts include them).</p> : null}
      </section>
    </>
  );
}

function HandoffList({ label, handoffs }: { label: string; handoffs: SupervisedHandoff[] }) {
  return (
    <ul className="supervised-list" aria-label={label}>
      {handoffs.map((h) => (
        <HandoffRow key={h.id} handoff={h} />
      ))}
    </ul>
  );
}

const HandoffRow = memo(function HandoffRow({ handoff: h }: { handoff: SupervisedHandoff }) {
  const now = useNowStore(selectNow);
  const agents = useSupervisorStore((s) => s.snapshot?.agents);
  const nameOf = (id: string | null) => (id ? (agents?.find((a) => a.id === id)?.name ?? id) : null);
  const slaLeft = Date.parse(h.slaDeadline) - now;
  const holder = nameOf(h.agentId);
  return (
    <li className={`supervised supervised-${h.priority.toLowerCase()}`} aria-label={`${h.customerName}, ${h.priority}, ${h.queue}`}>
      <div className="supervised-top">
        <span className={`badge badge-${h.priority.toLowerCase()}`}>{h.priority}</span>
        <strong>{h.customerName}</strong>
        <span className="muted">{h.queue}</span>
        <span className="muted">{TRIGGER_LABELS[h.trigger]}</span>
      </div>
      <div className="supervised-meta">
        <span>
          {h.acceptedAt === null
            ? `waiting ${formatWaiting(now - Date.parse(h.receivedAt))}`
            : `in conversation ${formatWaiting(now - Date.parse(h.acceptedAt))}`}
        </span>
        {h.acceptedAt === null ? (
          h.slaBreached || slaLeft <= 0 ? (
            <span className="sla-breached">SLA breached</span>
          ) : (
            <span className={h.predictedBreach ? 'sla-warning' : 'sla'}>SLA {formatCountdown(slaLeft)}</span>
          )
        ) : null}
        {h.acceptedAt === null && h.predictedBreach && !h.slaBreached ? (
          <span className="sla-warning">
            {h.predictedAcceptAt ? `predicted accept ${formatClockTime(h.predictedAcceptAt)}: breach` : 'no agent can take it: breach'}
          </span>
        ) : null}
        {holder ? <span>{h.acceptedAt ? `with ${holder}` : `offered to ${holder}`}</span> : null}
        {h.offers > 1 ? <span className="sla-warning">offered {h.offers}×</span> : null}
        {h.missedBy.length > 0 ? <span className="muted">missed by {h.missedBy.map(nameOf).join(' → ')}</span> : null}
        {h.moodNow !== null || h.moodAtHandoff !== null ? (
          <span className={(h.moodNow ?? h.moodAtHandoff ?? 0) < -0.3 ? 'mood mood-negative' : 'mood'}>
            mood {h.moodNow === null ? score(h.moodAtHandoff) : `${score(h.moodAtHandoff)} → ${score(h.moodNow)}`}
          </span>
        ) : null}
      </div>
      <details className="receipt-path">
        <summary>Path</summary>
        <ol aria-label={`Path of ${h.customerName}'s handoff`}>
          {h.path.map((r, i) => (
            <li key={`${r.stage}-${r.at}-${i}`}>
              <span>{STAGE_LABELS[r.stage] ?? r.stage}</span>
              {r.agentId ? <span className="muted"> {nameOf(r.agentId)}</span> : null}
              <span className="muted"> {new Date(r.at).toLocaleTimeString()}</span>
            </li>
          ))}
        </ol>
      </details>
      <HandoffActions handoff={h} />
    </li>
  );
});

function HandoffActions({ handoff }: { handoff: SupervisedHandoff }) {
  const agents = useSupervisorStore((s) => s.snapshot?.agents ?? []);
  const queues = useSupervisorStore((s) => s.snapshot?.queues ?? []);
  const candidates = agents.filter((a) => a.role === 'agent' && a.id !== handoff.agentId);
  const [agentId, setAgentId] = useState('');
  const [queue, setQueue] = useState('');
  const [busy, setBusy] = useState(false);
  const agentSelect = useId();
  const queueSelect = useId();
  const chosen = agentId || candidates[0]?.id || '';
  const queueNames = [...new Set(['general', ...queues.map((q) => q.queue)])].filter((q) => q !== handoff.queue);
  const chosenQueue = queue.trim();
  const queueList = `${queueSelect}-queues`;
  const run = async (fn: () => Promise<boolean>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="supervised-actions">
      <label htmlFor={agentSelect} className="visually-hidden">
        Agent for {handoff.customerName}
      </label>
      <select id={agentSelect} value={chosen} onChange={(e) => setAgentId(e.target.value)} disabled={busy || candidates.length === 0}>
        {candidates.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name} ({a.load}/{a.capacity}, {a.presence})
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        disabled={busy || !chosen}
        onClick={() => void run(() => reassignHandoff(handoff.id, { kind: 'agent', agentId: chosen, force: false }))}
      >
        Offer
      </button>
      <button
        type="button"
        className="button button-primary"
        disabled={busy || !chosen}
        aria-label={`Assign ${handoff.customerName} to the chosen agent`}
        onClick={() => void run(() => reassignHandoff(handoff.id, { kind: 'agent', agentId: chosen, force: true }))}
      >
        Assign
      </button>
      <label htmlFor={queueSelect} className="visually-hidden">
        Queue for {handoff.customerName}
      </label>
      <input
        id={queueSelect}
        className="queue-input"
        type="text"
        list={queueList}
        value={queue}
        maxLength={100}
        placeholder="queue"
        onChange={(e) => setQueue(e.target.value)}
        disabled={busy}
      />
      <datalist id={queueList}>
        {queueNames.map((q) => (
          <option key={q} value={q} />
        ))}
      </datalist>
      <button
        type="button"
        className="button button-quiet"
        disabled={busy || !chosenQueue}
        onClick={() => void run(() => reassignHandoff(handoff.id, { kind: 'queue', queue: chosenQueue }))}
      >
        Move to queue
      </button>
    </div>
  );
}

function score(value: number | null): string {
  return value === null ? '?' : value.toFixed(2);
}
