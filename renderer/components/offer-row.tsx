// One handoff in the inbox: who, why, how urgent, how long it has waited and how long the offer
// lasts, with Accept and Decline (which asks for a reason).
import { memo, useId, useState, type FormEvent } from 'react';
import { TRIGGER_LABELS } from '../../shared/domain';
import { acceptHandoff, declineHandoff } from '../services/baton-client';
import { useInboxStore } from '../stores/inbox-store';
import { selectItem } from '../stores/inbox-selectors';
import { useUiStore } from '../stores/ui-store';
import { DECLINE_REASONS } from '../format/labels';
import { MoodMarker, PriorityBadge, TierBadge } from './badges';
import { OfferCountdown, WaitingTime } from './countdown';

// Memoized: while the inbox scrolls, rows already on screen do not render again.
export const OfferRow = memo(function OfferRow({ handoffId }: { handoffId: string }) {
  const item = useInboxStore(selectItem(handoffId));
  const selected = useInboxStore((s) => s.selectedId === handoffId);
  const declining = useUiStore((s) => s.decliningId === handoffId);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  if (!item) return null;
  const { handoff } = item;
  const firstRule = handoff.rules[0];

  const accept = async () => {
    setBusy(true);
    await acceptHandoff(handoffId);
    setBusy(false);
  };

  return (
    <article
      className={`offer offer-${handoff.priority.toLowerCase()}${selected ? ' offer-selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      aria-labelledby={nameId}
      data-handoff-id={handoffId}
      tabIndex={-1}
      onClick={() => useInboxStore.getState().offerSelected(handoffId)}
    >
      <div className="offer-top">
        <h3 className="offer-name" id={nameId}>
          {handoff.customer.name}
        </h3>
        <TierBadge tier={handoff.customer.tier} />
        <PriorityBadge priority={handoff.priority} />
      </div>
      <p className="offer-trigger">{TRIGGER_LABELS[handoff.trigger]}</p>
      {firstRule ? (
        <p className="offer-rule" title={firstRule.reason}>
          Rule: {firstRule.ruleId}
          {handoff.rules.length > 1 ? ` (+${handoff.rules.length - 1})` : ''}
        </p>
      ) : null}
      <div className="offer-meta">
        {handoff.sentimentAtHandoff ? <MoodMarker sentiment={handoff.sentimentAtHandoff} /> : null}
        <WaitingTime since={handoff.receivedAt} />
        {item.offerExpiresAt ? <OfferCountdown expiresAt={item.offerExpiresAt} /> : <span className="queued">Queued</span>}
      </div>
      {declining ? (
        <DeclineForm handoffId={handoffId} />
      ) : (
        <div className="offer-actions">
          <button type="button" className="button button-primary" aria-describedby={nameId} disabled={busy} onClick={() => void accept()}>
            Accept
          </button>
          <button
            type="button"
            className="button"
            aria-describedby={nameId}
            disabled={busy}
            onClick={() => useUiStore.getState().declineOpened(handoffId)}
          >
            Decline
          </button>
        </div>
      )}
    </article>
  );
});

function DeclineForm({ handoffId }: { handoffId: string }) {
  const [reason, setReason] = useState<string>(DECLINE_REASONS[0]);
  const [other, setOther] = useState('');
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const otherId = useId();
  const text = reason === 'other' ? other.trim() : reason;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text) return;
    setBusy(true);
    const done = await declineHandoff(handoffId, text);
    setBusy(false);
    if (done) useUiStore.getState().declineOpened(null);
  };

  return (
    <form className="decline-form" aria-label="Decline reason" onSubmit={(e) => void submit(e)}>
      <label htmlFor={selectId}>Reason</label>
      <select id={selectId} value={reason} autoFocus onChange={(e) => setReason(e.target.value)}>
        {DECLINE_REASONS.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
        <option value="other">Other…</option>
      </select>
      {reason === 'other' ? (
        <>
          <label htmlFor={otherId}>Other reason</label>
          <input id={otherId} type="text" maxLength={500} value={other} onChange={(e) => setOther(e.target.value)} />
        </>
      ) : null}
      <div className="offer-actions">
        <button type="submit" className="button button-danger" disabled={busy || !text}>
          Confirm decline
        </button>
        <button type="button" className="button" onClick={() => useUiStore.getState().declineOpened(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
