// The customer record beside the conversation: profile, history with outcomes, and what is still
// open for them, so the agent has the context without asking.
import type { Customer } from '../../shared/domain';
import { formatDateTime, formatMoney } from '../format/duration';
import { OUTCOME_LABELS } from '../format/labels';
import { TierBadge } from './badges';

export function CustomerPanel({ customer }: { customer: Customer }) {
  return (
    <aside className="customer-panel" aria-label="Customer record">
      <div className="pane-heading">
        <h2>Customer</h2>
      </div>
      <section className="card" aria-labelledby="profile-heading">
        <h3 id="profile-heading">Profile</h3>
        <dl className="fields">
          <dt>Name</dt>
          <dd>{customer.name}</dd>
          <dt>Tier</dt>
          <dd>
            <TierBadge tier={customer.tier} />
          </dd>
          <ProfileField label="Email" value={customer.email} />
          <ProfileField label="Phone" value={customer.phone} />
          <ProfileField label="Plan" value={customer.plan} />
          <ProfileField label="Lifetime value" value={customer.lifetimeValue === undefined ? undefined : formatMoney(customer.lifetimeValue)} />
          <ProfileField label="Locale" value={customer.locale} />
        </dl>
      </section>
      <section className="card" aria-labelledby="past-heading">
        <h3 id="past-heading">Past conversations</h3>
        {customer.pastConversations.length > 0 ? (
          <ul className="history" role="list">
            {customer.pastConversations.map((pc) => (
              <li key={pc.id}>
                <span className="history-topic">{pc.topic}</span>
                <span className="history-meta">
                  <time dateTime={pc.at}>{formatDateTime(pc.at)}</time> · <span className={`outcome outcome-${pc.outcome}`}>{OUTCOME_LABELS[pc.outcome]}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No earlier conversations.</p>
        )}
      </section>
      <section className="card" aria-labelledby="open-heading">
        <h3 id="open-heading">Open orders and tickets</h3>
        {customer.openItems.length > 0 ? (
          <ul className="history" role="list">
            {customer.openItems.map((item) => (
              <li key={item.id}>
                <span className="history-topic">{item.title}</span>
                <span className="history-meta">
                  {item.kind === 'order' ? 'Order' : 'Ticket'} · {item.status}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">Nothing open.</p>
        )}
      </section>
    </aside>
  );
}

function ProfileField({ label, value }: { label: string; value: string | undefined }) {
  if (value === undefined || value === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
