// OS notifications for new offers, with an Accept action where the platform has one (macOS).
// The decision whether to alert belongs to the alert policy (main/services/alerts, issue 6);
// until it lands the rule is the simplest one: no OS notification while the window is in front.
import { Notification } from 'electron';
import type { EventPayload } from '../../shared/api';
import { TRIGGER_LABELS } from '../../shared/domain';

export interface OfferNotifier {
  offerReceived(item: EventPayload<'offer:received'>): void;
  offerGone(handoffId: string): void;
}

export interface OfferNotifierActions {
  windowInFront(): boolean;
  open(handoffId: string): void;
  accept(handoffId: string): void;
}

export function createOfferNotifier(actions: OfferNotifierActions): OfferNotifier {
  const shown = new Map<string, Notification>();
  return {
    offerReceived(item) {
      if (!Notification.isSupported() || actions.windowInFront()) return;
      const { handoff } = item;
      const notification = new Notification({
        title: `${handoff.priority} handoff: ${handoff.customer.name}`,
        body: `${TRIGGER_LABELS[handoff.trigger]}${handoff.triggerDetail ? ` (${handoff.triggerDetail})` : ''}`,
        urgency: handoff.priority === 'P1' ? 'critical' : 'normal',
        actions: [{ type: 'button', text: 'Accept' }],
        closeButtonText: 'Later',
      });
      notification.on('click', () => actions.open(handoff.id));
      notification.on('action', () => actions.accept(handoff.id));
      notification.on('close', () => shown.delete(handoff.id));
      shown.set(handoff.id, notification);
      notification.show();
    },
    offerGone(handoffId) {
      shown.get(handoffId)?.close();
      shown.delete(handoffId);
    },
  };
}
