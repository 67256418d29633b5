// Valid handoff requests for tests, varied by a counter so each one is a distinct conversation.
import type { HandoffRequest } from '../../shared/ingest';

let counter = 0;

export function handoffRequest(overrides: Partial<HandoffRequest> = {}): HandoffRequest {
  counter++;
  const at = new Date(Date.now() - 60_000).toISOString();
  return {
    eventId: `evt-${process.pid}-${counter}`,
    trigger: 'human_requested',
    triggerDetail: 'customer typed "agent please"',
    customer: { id: `cust-${counter}`, name: `Dana Customer ${counter}`, tier: 'standard', email: `dana${counter}@example.com` },
    conversation: {
      externalId: `conv-${process.pid}-${counter}`,
      channel: 'chat',
      language: 'en',
      intent: 'billing.refund',
      summary: 'Customer wants a refund for a double charge and asked for a person.',
      stepsTaken: ['Looked up the last invoice', 'Offered the refund form'],
      messages: [
        { id: `m-${counter}-1`, author: 'customer', text: 'I was charged twice this month.', at },
        { id: `m-${counter}-2`, author: 'bot', text: 'I can help with that. Can you confirm the invoice number?', at },
        { id: `m-${counter}-3`, author: 'customer', text: 'Just get me a human, please.', at },
      ],
    },
    sentiment: { label: 'negative', score: -0.4, source: 'bot-platform' },
    ...overrides,
  };
}
