// A realistic handoff for the intelligence tests and benchmarks.
import { Handoff, type Message } from '../../../shared/domain';

export function handoffFixture(overrides: { messages?: Partial<Message>[]; tier?: Handoff['customer']['tier']; intent?: string; trigger?: Handoff['trigger'] } = {}): Handoff {
  const messages = (overrides.messages ?? [{ author: 'customer', text: 'I returned the shoes two weeks ago and I still have not got my refund.' }]).map((m, i) => ({
    id: m.id ?? `m${i + 1}`,
    author: m.author ?? 'customer',
    text: m.text ?? '',
    at: m.at ?? new Date(Date.UTC(2026, 0, 5, 9, i)).toISOString(),
    ...(m.sentiment ? { sentiment: m.sentiment } : {}),
  }));
  return Handoff.parse({
    id: 'h-100',
    status: 'accepted',
    priority: 'P2',
    queue: 'general',
    trigger: overrides.trigger ?? 'negative_sentiment',
    receivedAt: '2026-01-05T09:00:00.000Z',
    slaDeadline: '2026-01-05T09:30:00.000Z',
    customer: {
      id: 'c-1',
      name: 'Maria Lopez',
      email: 'maria@example.com',
      tier: overrides.tier ?? 'standard',
      plan: 'Plus',
      openItems: [{ id: 'A-1042', kind: 'order', title: 'Trail running shoes', status: 'returned, refund pending' }],
    },
    conversation: {
      externalId: 'conv-1',
      channel: 'chat',
      language: 'en',
      ...(overrides.intent ? { intent: overrides.intent } : {}),
      summary: 'Customer waits for a refund for returned shoes.',
      messages,
    },
  });
}
