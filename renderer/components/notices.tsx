// Errors from the services, shown with their message until dismissed.
import { useUiStore } from '../stores/ui-store';
import { selectNotices } from '../stores/ui-selectors';

export function Notices() {
  const notices = useUiStore(selectNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert">
      {notices.map((notice) => (
        <div key={notice.id} className="notice">
          <span>{notice.text}</span>
          <button
            type="button"
            className="button button-quiet"
            aria-label={`Dismiss: ${notice.text}`}
            onClick={() => useUiStore.getState().noticeDismissed(notice.id)}
          >
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
