// Reports to the hub that an offer was seen: it was in the inbox while the page was visible.
// The alert ladder (in the services) uses this to stop escalating an offer a person has in view.
import { useInboxStore } from '../stores/inbox-store';
import { sendReceipt } from './baton-client';

export function startSeenReceipts(doc: Document = document): () => void {
  const reported = new Set<string>();
  const report = () => {
    if (doc.visibilityState !== 'visible') return;
    for (const item of Object.values(useInboxStore.getState().items)) {
      const id = item.handoff.id;
      if (item.handoff.status === 'offered' && !reported.has(id)) {
        reported.add(id);
        void sendReceipt(id, 'seen');
      }
    }
  };
  const unsubscribe = useInboxStore.subscribe((state, previous) => {
    if (state.items !== previous.items) report();
  });
  doc.addEventListener('visibilitychange', report);
  report();
  return () => {
    unsubscribe();
    doc.removeEventListener('visibilitychange', report);
  };
}
