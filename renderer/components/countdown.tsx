// Live timers driven by the shared one-second ticker (stores/now-store.ts).
import { formatCountdown, formatWaiting } from '../format/duration';
import { selectNow, useNowStore } from '../stores/now-store';

/** Time left until an offer expires; urgent in its last 10 seconds. */
export function OfferCountdown({ expiresAt }: { expiresAt: string }) {
  const now = useNowStore(selectNow);
  const left = Date.parse(expiresAt) - now;
  const urgent = left <= 10_000;
  return (
    <span className={urgent ? 'countdown countdown-urgent' : 'countdown'}>
      {left > 0 ? <>Expires in <time dateTime={expiresAt}>{formatCountdown(left)}</time></> : 'Expiring…'}
    </span>
  );
}

export function WaitingTime({ since }: { since: string }) {
  const now = useNowStore(selectNow);
  return <span className="waiting">Waiting {formatWaiting(now - Date.parse(since))}</span>;
}

/** Time to the SLA deadline; warns in the last 2 minutes and says so once breached. */
export function SlaTimer({ deadline }: { deadline: string }) {
  const now = useNowStore(selectNow);
  const left = Date.parse(deadline) - now;
  if (left <= 0) {
    return <span className="sla sla-breached">SLA breached {formatCountdown(-left)} ago</span>;
  }
  return <span className={left <= 120_000 ? 'sla sla-warning' : 'sla'}>SLA {formatCountdown(left)} left</span>;
}
