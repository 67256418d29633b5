// Realistic handoffs for renderer tests, validated by the real domain schema so a fixture can
// never drift from what the services send.
import type { InboxItem } from '../../shared/api';
import { Handoff, type Priority, type Trigger } from '../../shared/domain';

export const FIXTURE_NOW = Date.parse('2026-01-05T09:00:00.000Z');

export interface HandoffFixture {
  id: string;
  customerName?: string;
  priority?: Priority;
  trigger?: Trigger;
  status?: 'offered' | 'queued' | 'accepted' | 'resolved';
  /** Seconds before FIXTURE_NOW the handoff arrived. */
  ageSeconds?: number;
  /** Seconds after FIXTURE_NOW the offer expires; null for no expiry. */
  expiresInSeconds?: number | null;
  summary?: string;
  withSentiment?: boolean;
}

export function makeInboxItem(fixture: HandoffFixture): InboxItem {
  const receivedAt = FIXTURE_NOW - (fixture.ageSeconds ?? 60) * 1000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const handoff = Handoff.parse({
    id: fixture.id,
    status: fixture.status ?? 'offered',
    priority: fixture.priority ?? 'P2',
    queue: 'billing',
    trigger: fixture.trigger ?? 'negative_sentiment',
    triggerDetail: 'Customer sentiment dropped to -0.7 over the last three messages',
    receivedAt: iso(receivedAt),
    slaDeadline: iso(receivedAt + 15 * 60_000),
    customer: {
      id: `cust-${fixture.id}`,
      name: fixture.customerName ?? `Customer ${fixture.id}`,
      email: 'dana.whitfield@example.com',
      phone: '+44 20 7946 0018',
      tier: 'premium',
      plan: 'Business annual',
      lifetimeValue: 18_400,
      locale: 'en-GB',
      pastConversations: [{ id: 'pc-1', at: iso(receivedAt - 30 * 86_400_000), topic: 'Invoice copy', outcome: 'bot_resolved' }],
      openItems: [{ id: 'ord-88231', kind: 'order', title: 'Order #88231 (2 items)', status: 'awaiting refund' }],
    },
    conversation: {
      externalId: `ext-${fixture.id}`,
      channel: 'chat',
      language: 'en',
      intent: 'refund_status',
      recentIntents: ['refund_status', 'order_tracking', 'refund_status'],
      summary: fixture.summary ?? 'Customer was charged twice for order #88231 and wants the duplicate refunded today.',
      stepsTaken: ['Looked up order #88231', 'Confirmed two card charges of £129.00', 'Offered the standard 5-day refund'],
      collectedData: { orderNumber: '88231', cardLast4: '4242' },
      botConfidence: 0.42,
      failedAttempts: 2,
      messages: [
        {
          id: `${fixture.id}-m1`,
          author: 'customer',
          text: 'I was charged twice for my order!',
          at: iso(receivedAt - 120_000),
          ...(fixture.withSentiment === false ? {} : { sentiment: { label: 'negative', score: -0.72, source: 'platform' } }),
        },
        { id: `${fixture.id}-m2`, author: 'bot', text: 'I can see two charges. A refund takes 5 working days.', at: iso(receivedAt - 90_000) },
        { id: `${fixture.id}-m3`, author: 'customer', text: 'Five days is not acceptable. I want a person.', at: iso(receivedAt - 60_000) },
        { id: `${fixture.id}-m4`, author: 'system', text: 'Handoff requested', at: iso(receivedAt) },
      ],
    },
    rules: [{ ruleId: 'negative-premium', reason: 'Premium customer with sentiment below -0.5' }],
    sentimentAtHandoff: { label: 'negative', score: -0.7, source: 'platform' },
  });
  const expires = fixture.expiresInSeconds === undefined ? 30 : fixture.expiresInSeconds;
  return { handoff, offerExpiresAt: expires === null || handoff.status === 'accepted' ? null : iso(FIXTURE_NOW + expires * 1000) };
}
