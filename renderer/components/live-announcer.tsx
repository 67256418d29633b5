// A polite live region: screen readers hear new offers and outcomes without losing their place.
import { useUiStore } from '../stores/ui-store';
import { selectAnnouncement } from '../stores/ui-selectors';

export function LiveAnnouncer() {
  const { text, seq } = useUiStore(selectAnnouncement);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-announcer">
      {/* Keyed so a repeated text is announced again. */}
      <span key={seq}>{text}</span>
    </div>
  );
}
