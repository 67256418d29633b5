// Ladder step 3 in a browser tab: a page cannot put a window above other apps, so the handoff card
// (the same HandoffCard the desktop shows in its always-on-top window) comes up above everything in
// the page instead — over Settings or the help overlay, where the inbox cannot be seen. The services'
// alert policy decides when (`alerts:card`); the card leaves when the offer is seen, taken, declined
// or gone, or when the agent presses Later (or Escape).
import { useAlertCardsStore } from '../stores/alert-cards-store';
import { useInboxStore } from '../stores/inbox-store';
import { HandoffCard } from './handoff-card';
import './alert-card-layer.css';

export function AlertCardLayer() {
  const ids = useAlertCardsStore((s) => s.ids);
  const items = useInboxStore((s) => s.items);
  const waiting = ids.filter((id) => items[id]?.handoff.status === 'offered');
  const id = waiting[0];
  if (!id) return null;
  const hide = () => useAlertCardsStore.getState().cardHidden(id);
  return (
    <div
      className="alert-card-layer"
      role="alertdialog"
      aria-label="A handoff is waiting for you"
      data-testid="alert-card"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          hide();
        }
      }}
    >
      <HandoffCard key={id} handoffId={id} onDone={hide} />
      <button type="button" className="button button-quiet alert-card-layer-later" onClick={hide}>
        Later
      </button>
    </div>
  );
}
