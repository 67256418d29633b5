// The conversations this agent has accepted, as tabs; number keys 1..9 switch between them.
import { useInboxStore } from '../stores/inbox-store';
import { selectAcceptedOrder } from '../stores/inbox-selectors';
import { useConversationStore } from '../stores/conversation-store';
import { selectActiveHandoffId } from '../stores/conversation-selectors';

export function ConversationTabs() {
  const order = useInboxStore(selectAcceptedOrder);
  const activeId = useConversationStore(selectActiveHandoffId);
  if (order.length === 0) return null;
  return (
    <nav className="conversation-tabs" aria-label="Your conversations">
      <ul role="list">
        {order.map((id, index) => (
          <ConversationTab key={id} handoffId={id} index={index} active={id === activeId} />
        ))}
      </ul>
    </nav>
  );
}

function ConversationTab({ handoffId, index, active }: { handoffId: string; index: number; active: boolean }) {
  const name = useInboxStore((s) => s.items[handoffId]?.handoff.customer.name ?? handoffId);
  const shortcut = index < 9 ? String(index + 1) : null;
  return (
    <li>
      <button
        type="button"
        className={active ? 'tab tab-active' : 'tab'}
        aria-current={active ? 'page' : undefined}
        aria-keyshortcuts={shortcut ?? undefined}
        onClick={() => useConversationStore.getState().conversationOpened(handoffId)}
      >
        {shortcut ? <kbd aria-hidden="true">{shortcut}</kbd> : null}
        {name}
      </button>
    </li>
  );
}
