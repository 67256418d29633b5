// A valid handoff for tests of the desktop services; every field the schemas require, nothing more.
import { Handoff, type Priority } from '../../../shared/domain';

export function sampleHandoff(id: string, overrides: { priority?: Priority; receivedAt?: string; status?: Handoff['status']; assignedAgentId?: string } = {}): Handoff {
  return Handoff.parse({
    id,
    status: overrides.status ?? 'offered',
    priority: overrides.priority ?? 'P2',
    queue: 'general',
    trigger: 'negative_sentiment',
    receivedAt: overrides.receivedAt ?? '2026-11-26T09:59:00.000Z',
    slaDeadline: '2026-11-26T10:15:00.000Z',
    ...(overrides.assignedAgentId ? { assignedAgentId: overrides.assignedAgentId } : {}),
    customer: { id: `c-${id}`, name: 'Dana Whitfield', tier: 'premium' },
    conversation: {
      externalId: `conv-${id}`,
      channel: 'chat',
      language: 'en',
      summary: 'Customer was double charged for the November invoice and wants a refund.',
      messages: [{ id: `m-${id}-1`, author: 'customer', text: 'I was charged twice!', at: '2026-11-26T09:58:00.000Z' }],
    },
  });
}
