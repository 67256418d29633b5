// Says plainly when the link to the hub is down, since when, and what happens next. Offers cannot
// arrive while it shows, so it must not be missed; it is quiet text, not an alarm.
import { useSessionStore } from '../stores/session-store';
import { selectConnection, selectLoadError } from '../stores/session-selectors';
import { selectNow, useNowStore } from '../stores/now-store';
import { formatClockTime, formatCountdown } from '../format/duration';
import { selectSync, useNotesStore } from '../stores/notes-store';
import { retrySync } from '../services/baton-client';

export function ConnectionBanner() {
  const connection = useSessionStore(selectConnection);
  const loadError = useSessionStore(selectLoadError);
  const now = useNowStore(selectNow);
  const sync = useNotesStore(selectSync);
  const waiting = sync && sync.pending > 0 ? ` ${sync.pending} ${sync.pending === 1 ? 'change is' : 'changes are'} saved on this device and will sync when it is back.` : '';
  if (!connection) {
    return loadError ? (
      <div className="banner banner-offline" role="status">
        Cannot reach Baton&apos;s services: {loadError}
      </div>
    ) : null;
  }
  if (connection.status === 'open') {
    if (!sync || sync.failed === 0) return null;
    return (
      <div className="banner banner-offline" role="status">
        {sync.failed} {sync.failed === 1 ? 'note' : 'notes'} could not be synced to the hub.
        <button type="button" className="button" onClick={() => void retrySync()}>
          Retry sync
        </button>
      </div>
    );
  }
  const since = formatClockTime(connection.since);
  let next = '';
  if (connection.fatal) next = ' Retrying will not help: check your hub token or ask your lead.';
  else if (connection.status === 'backoff' && connection.retryAt) {
    const left = Date.parse(connection.retryAt) - now;
    next = left > 0 ? ` Retrying in ${formatCountdown(left)}.` : ' Retrying now.';
  } else if (connection.status === 'connecting') next = ' Connecting…';
  return (
    <div className="banner banner-offline" role="status">
      <strong>Offline since {since}.</strong> New handoffs cannot reach you until the connection is back.
      {connection.error ? ` ${connection.error}${/[.!?]$/.test(connection.error) ? '' : '.'}` : ''}
      {next}
      {waiting}
    </div>
  );
}
