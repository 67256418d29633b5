// Translates the renderer-API events the services already emit (offer:received, offer:revoked,
// handoff:updated, message:received) into alert-policy events, so the shell feeds the policy from
// the same event sink it already has.
import type { EventName, EventPayload } from '../../../shared/api';
import { TRIGGER_LABELS } from '../../../shared/domain';
import type { AlertEvent, OfferEndReason } from './alert-policy';

const REVOKE_TO_END: Record<EventPayload<'offer:revoked'>['reason'], OfferEndReason> = {
  timeout: 'timeout',
  declined: 'declined',
  accepted_elsewhere: 'revoked',
  reassigned: 'revoked',
  abandoned: 'revoked',
};

/**
 * @param assignedToMe whether a handoff is accepted by this agent (customer messages alert only then)
 * @param customerNameOf the customer's name for a handoff id, if known
 */
export function alertEventFor<E extends EventName>(
  name: E,
  payload: EventPayload<E>,
  lookups: { assignedToMe(handoffId: string): boolean; customerNameOf(handoffId: string): string | undefined },
): AlertEvent | null {
  switch (name) {
    case 'offer:received': {
      const item = payload as EventPayload<'offer:received'>;
      const expiresAt = item.offerExpiresAt ? Date.parse(item.offerExpiresAt) : Number.NaN;
      if (!Number.isFinite(expiresAt)) return null;
      const { handoff } = item;
      return {
        type: 'offer-received',
        handoffId: handoff.id,
        priority: handoff.priority,
        customerName: handoff.customer.name,
        reason: `${TRIGGER_LABELS[handoff.trigger]}${handoff.triggerDetail ? `: ${handoff.triggerDetail}` : ''}`,
        expiresAt,
      };
    }
    case 'offer:revoked': {
      const revoked = payload as EventPayload<'offer:revoked'>;
      return { type: 'offer-ended', handoffId: revoked.handoffId, reason: REVOKE_TO_END[revoked.reason] };
    }
    case 'handoff:updated': {
      const { handoff } = payload as EventPayload<'handoff:updated'>;
      // Any move away from "offered" ends the alerting for it (accepted here, or gone elsewhere).
      if (handoff.status === 'offered') return null;
      return { type: 'offer-ended', handoffId: handoff.id, reason: handoff.status === 'accepted' ? 'accepted' : 'revoked' };
    }
    case 'message:received': {
      const { handoffId, message } = payload as EventPayload<'message:received'>;
      if (message.author !== 'customer' || !lookups.assignedToMe(handoffId)) return null;
      return { type: 'customer-message', handoffId, customerName: lookups.customerNameOf(handoffId) ?? 'Customer', preview: message.text };
    }
    case 'supervisor:updated':
      return { type: 'lead-alerts', alerts: (payload as EventPayload<'supervisor:updated'>).alerts };
    default:
      return null;
  }
}
