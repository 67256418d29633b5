// Every queue with something waiting: how many, by priority, the oldest wait, breaches now and
// breaches predicted, and how many agents could take its handoffs at all.
import { PRIORITIES } from '../../shared/domain';
import { formatWaiting } from '../format/duration';
import { selectNow, useNowStore } from '../stores/now-store';
import { useSupervisorStore } from './supervisor-store';

export function QueuesPanel() {
  const queues = useSupervisorStore((s) => s.snapshot?.queues ?? []);
  const now = useNowStore(selectNow);
  return (
    <section className="card" aria-labelledby="queues-heading">
      <h3 id="queues-heading">Queues</h3>
      {queues.length === 0 ? (
        <p className="muted">No handoff is waiting.</p>
      ) : (
        <table className="supervisor-table" aria-label="Queues">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Waiting</th>
              {PRIORITIES.map((p) => (
                <th scope="col" key={p}>
                  {p}
                </th>
              ))}
              <th scope="col">Longest wait</th>
              <th scope="col">Breached</th>
              <th scope="col">At risk</th>
              <th scope="col">Agents</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.queue} className={q.eligibleAgents === 0 ? 'row-alert' : undefined}>
                <th scope="row">{q.queue}</th>
                <td>{q.waiting}</td>
                {PRIORITIES.map((p) => (
                  <td key={p}>{q.byPriority[p] ?? 0}</td>
                ))}
                <td>{q.oldestReceivedAt ? formatWaiting(now - Date.parse(q.oldestReceivedAt)) : '—'}</td>
                <td className={q.breached > 0 ? 'sla-breached' : undefined}>{q.breached}</td>
                <td className={q.predictedBreaches > 0 ? 'sla-warning' : undefined}>{q.predictedBreaches}</td>
                <td>{q.eligibleAgents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
