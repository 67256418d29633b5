// Alerts a lead should act on: SLA breached or about to be, a mood falling fast, a queue nobody can
// take, a raised hand. The hub decides what is an alert; this shows them, newest condition last.
import { useSupervisorStore } from './supervisor-store';
import { useNowStore, selectNow } from '../stores/now-store';
import { formatWaiting } from '../format/duration';
import type { SupervisorLiveAlertKind } from '../../shared/supervision';

const KIND_LABELS: Record<SupervisorLiveAlertKind, string> = {
  sla_breached: 'SLA breached',
  sla_breach_predicted: 'SLA at risk',
  falling_mood: 'Mood falling',
  no_eligible_agent: 'No agent',
  raised_hand: 'Raised hand',
};

export function LiveAlerts() {
  const alerts = useSupervisorStore((s) => s.snapshot?.alerts ?? []);
  const now = useNowStore(selectNow);
  return (
    <section className="card supervisor-alerts" aria-labelledby="alerts-heading">
      <h3 id="alerts-heading">
        Alerts <span className="count">{alerts.length}</span>
      </h3>
      {alerts.length === 0 ? (
        <p className="muted">Nothing needs a lead right now.</p>
      ) : (
        <ul aria-label="Alerts" className="alert-list">
          {alerts.map((alert) => (
            <li key={alert.id} className={`alert alert-${alert.kind}`}>
              <span className="badge">{KIND_LABELS[alert.kind]}</span> {alert.message}{' '}
              <span className="muted">for {formatWaiting(now - Date.parse(alert.since))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
