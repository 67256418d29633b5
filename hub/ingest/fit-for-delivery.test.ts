import { describe, expect, test } from 'vitest';
import { Handoff } from '../../shared/domain';
import { fitForDelivery } from './fit-for-delivery';

const at = '2026-03-01T12:00:00.000Z';

function handoffWith(messageCount: number, textLength: number, extra: Partial<Handoff['customer']> = {}): Handoff {
  return Handoff.parse({
    id: 'h1',
    status: 'queued',
    priority: 'P3',
    queue: 'general',
    trigger: 'complex_request',
    receivedAt: at,
    slaDeadline: at,
    customer: { id: 'c', name: 'C', tier: 'standard', ...extra },
    conversation: {
      externalId: 'x',
      channel: 'chat',
      language: 'en',
      summary: 's',
      messages: Array.from({ length: messageCount }, (_, i) => ({ id: `m${i}`, author: 'customer', text: `${i} ${'y'.repeat(textLength)}`, at })),
    },
  });
}

describe('fitting a handoff into one frame', () => {
  test('a handoff that fits is left alone', () => {
    const handoff = handoffWith(10, 100);
    expect(fitForDelivery(handoff)).toEqual({ ok: true, handoff, omitted: 0 });
  });

  test('an over-long transcript loses its oldest messages, as few as needed, and says so', () => {
    const handoff = handoffWith(100, 5_000);
    const fit = fitForDelivery(handoff, 100_000);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(Buffer.byteLength(JSON.stringify(fit.handoff))).toBeLessThanOrEqual(100_000);
    const kept = fit.handoff.conversation.messages;
    expect(kept[0]).toMatchObject({ author: 'system', text: expect.stringContaining(`${fit.omitted} earlier messages omitted`) });
    expect(kept.at(-1)!.id).toBe('m99');
    expect(kept).toHaveLength(100 - fit.omitted + 1);
    // One message fewer dropped would not fit.
    const withOneMore = { ...fit.handoff, conversation: { ...fit.handoff.conversation, messages: [kept[0]!, handoff.conversation.messages[fit.omitted - 1]!, ...kept.slice(1)] } };
    expect(Buffer.byteLength(JSON.stringify(withOneMore))).toBeGreaterThan(100_000);
    expect(Handoff.safeParse(fit.handoff).success).toBe(true);
  });

  test('a handoff too large even with one message is refused', () => {
    const handoff = handoffWith(1, 15_000);
    expect(fitForDelivery(handoff, 10_000)).toMatchObject({ ok: false });
  });
});
