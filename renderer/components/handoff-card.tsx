// The always-on-top handoff card (alert ladder step 3): the renderer at `#/handoff-card/ID`, in a
// small frameless window the desktop keeps above everything. Who, how urgent, why, how long the
// offer lasts, and Accept / Decline / Open. Open moves to `#/handoff/ID`: the desktop then brings
// the main window forward on that handoff (in a browser the tab becomes the workspace).
import { useEffect, useId, useState } from 'react';
import { TRIGGER_LABELS } from '../../shared/domain';
import { acceptHandoff, declineHandoff } from '../services/baton-client';
import { useInboxStore } from '../stores/inbox-store';
import { selectInboxLoaded, selectItem } from '../stores/inbox-selectors';
import { PriorityBadge, TierBadge } from './badges';
import { OfferCountdown } from './countdown';

/** The reason recorded with a decline made from the card. */
export const CARD_DECLINE_REASON = 'Declined from the handoff card';

const CARD_HASH = /^#\/handoff-card\/([^/?#]+)$/;
const OPEN_HASH = /^#\/handoff\/([^/?#]+)$/;

/** The handoff a `#/handoff-card/ID` address shows, or null for any other address. */
export function handoffCardId(hash: string): string | null {
  const match = CARD_HASH.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** The handoff a `#/handoff/ID` address (the card's Open) asks to show in the workspace. */
export function openedHandoffId(hash: string): string | null {
  const match = OPEN_HASH.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

type Outcome = null | 'accepted' | 'declined';

export function HandoffCard({ handoffId, onDone = () => window.close() }: { handoffId: string; onDone?: () => void }) {
  const item = useInboxStore(selectItem(handoffId));
  const loaded = useInboxStore(selectInboxLoaded);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const headingId = useId();
  const acceptRef = useFocusOnMount<HTMLButtonElement>(item !== undefined);

  const waiting = item !== undefined && item.handoff.status !== 'accepted';
  // The offer left (taken elsewhere, timed out, withdrawn) while the card was up: nothing to answer.
  useEffect(() => {
    if (loaded && item === undefined && outcome === null && !busy) onDone();
  }, [loaded, item, outcome, busy, onDone]);

  const accept = async () => {
    setBusy(true);
    const done = await acceptHandoff(handoffId);
    setBusy(false);
    if (!done) return;
    setOutcome('accepted');
    onDone();
  };
  const decline = async () => {
    setBusy(true);
    const done = await declineHandoff(handoffId, CARD_DECLINE_REASON);
    setBusy(false);
    if (!done) return;
    setOutcome('declined');
    onDone();
  };
  const open = () => {
    window.location.hash = `#/handoff/${encodeURIComponent(handoffId)}`;
  };

  if (outcome) {
    return (
      <section className="handoff-card" aria-label="New handoff">
        <p role="status">{outcome === 'accepted' ? 'Accepted: the conversation is open in Baton.' : 'Declined.'}</p>
      </section>
    );
  }
  if (!item) {
    return (
      <section className="handoff-card" aria-label="New handoff">
        <p role="status">{loaded ? 'This handoff is no longer waiting for you.' : 'Loading the handoff…'}</p>
      </section>
    );
  }
  const { handoff } = item;
  const rule = handoff.rules[0];
  return (
    <section className={`handoff-card offer-${handoff.priority.toLowerCase()}`} aria-labelledby={headingId}>
      <div className="offer-top">
        <h1 className="offer-name" id={headingId}>
          {handoff.customer.name}
        </h1>
        <TierBadge tier={handoff.customer.tier} />
        <PriorityBadge priority={handoff.priority} />
      </div>
      <p className="offer-trigger">{TRIGGER_LABELS[handoff.trigger]}</p>
      {rule ? <p className="offer-rule">Rule: {rule.ruleId}</p> : null}
      <div className="offer-meta">{item.offerExpiresAt ? <OfferCountdown expiresAt={item.offerExpiresAt} /> : null}</div>
      {
        <div className="offer-actions">
          {waiting ? (
            <>
              <button ref={acceptRef} type="button" className="button button-primary" aria-describedby={headingId} disabled={busy} onClick={() => void accept()}>
                Accept
              </button>
              <button type="button" className="button" aria-describedby={headingId} disabled={busy} onClick={() => void decline()}>
                Decline
              </button>
            </>
          ) : null}
          <button type="button" className="button button-quiet" aria-describedby={headingId} onClick={open}>
            Open
          </button>
        </div>
      }
    </section>
  );
}

/** Focus goes to Accept when the card is ready, so Enter or Space answers it without a mouse. */
function useFocusOnMount<T extends HTMLElement>(ready: boolean) {
  const [element, setElement] = useState<T | null>(null);
  useEffect(() => {
    if (ready) element?.focus();
  }, [ready, element]);
  return setElement;
}
