// In the browser host the page itself stands in for OS notifications: a new offer that arrives
// while the tab is hidden raises a Notification (if the agent allowed them). Electron's main
// process shows real OS notifications instead, so this runs only in the browser host. A lead also
// gets their alerts this way.
import { TRIGGER_LABELS } from '../../shared/domain';
import { decideLeadNotifications } from '../../shared/lead-alert-notifications';
import { useInboxStore } from '../stores/inbox-store';
import { useSupervisorStore } from '../supervisor/supervisor-store';
import { sendReceipt } from './baton-client';

const ASKED_KEY = 'baton.notifications.asked';

export function notificationsSupported(): boolean {
  return typeof Notification !== 'undefined';
}

/** True when the agent should be asked once, politely, whether to allow notifications. */
export function shouldOfferNotifications(): boolean {
  if (!notificationsSupported() || Notification.permission !== 'default') return false;
  try {
    return localStorage.getItem(ASKED_KEY) === null;
  } catch {
    return false;
  }
}

export async function requestNotificationPermission(): Promise<NotificationPermission> {
  rememberAsked();
  return Notification.requestPermission();
}

export function rememberAsked(): void {
  try {
    localStorage.setItem(ASKED_KEY, new Date().toISOString());
  } catch {
    // Without storage the prompt may appear again next time; that is all.
  }
}

export function startBrowserNotifications(doc: Document = document): () => void {
  const stopLead = startLeadNotifications(doc);
  const shown = new Map<string, Notification>();
  const unsubscribe = useInboxStore.subscribe((state, previous) => {
    if (state.items === previous.items) return;
    for (const [id, notification] of shown) {
      // The offer was accepted, declined or withdrawn: its notification is stale.
      if (state.items[id]?.handoff.status !== 'offered') {
        notification.close();
        shown.delete(id);
      }
    }
    if (!notificationsSupported() || Notification.permission !== 'granted' || doc.visibilityState === 'visible') return;
    for (const item of Object.values(state.items)) {
      const h = item.handoff;
      if (previous.items[h.id] || h.status !== 'offered' || shown.has(h.id)) continue;
      const notification = new Notification(`New handoff: ${h.customer.name}`, {
        body: `${h.priority} · ${TRIGGER_LABELS[h.trigger]}`,
        tag: `baton-offer-${h.id}`,
        requireInteraction: h.priority === 'P1',
      });
      notification.onclick = () => {
        window.focus();
        useInboxStore.getState().offerSelected(h.id);
        notification.close();
      };
      shown.set(h.id, notification);
      void sendReceipt(h.id, 'alerted', 'browser notification');
    }
  });
  return () => {
    stopLead();
    unsubscribe();
    for (const notification of shown.values()) notification.close();
    shown.clear();
  };
}

/** A lead's alerts (SLA breach, falling mood, queue nobody can take), decided as Electron does. */
export function startLeadNotifications(doc: Document = document): () => void {
  const shown = new Map<string, Notification>();
  let notified: ReadonlySet<string> = new Set();
  const unsubscribe = useSupervisorStore.subscribe((state, previous) => {
    if (!state.snapshot || state.snapshot === previous.snapshot) return;
    const allowed = notificationsSupported() && Notification.permission === 'granted';
    const decision = decideLeadNotifications({
      alerts: state.snapshot.alerts,
      notified,
      inView: doc.visibilityState === 'visible',
      quiet: () => !allowed,
    });
    notified = decision.notified;
    for (const tag of decision.close) {
      shown.get(tag)?.close();
      shown.delete(tag);
    }
    for (const lead of decision.show) {
      const notification = new Notification(lead.title, { body: lead.body, tag: `baton-${lead.tag}`, requireInteraction: lead.urgency === 'critical' });
      notification.onclick = () => {
        window.focus();
        useSupervisorStore.getState().tabChosen('live');
        notification.close();
      };
      shown.set(lead.tag, notification);
    }
  });
  return () => {
    unsubscribe();
    for (const notification of shown.values()) notification.close();
    shown.clear();
  };
}
