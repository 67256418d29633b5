import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerIntelligenceService } from './intelligence-service';
import { handoffFixture } from './handoff-fixture';
import { builtInModelsDir } from './models-dir';
import { defaultReplyLibrary } from './reply-library';
import { usageBoost } from './reply-ranker';
import { ReplySuggester } from './reply-suggester';
import { InMemoryReplyUsage } from './reply-usage';

describe('ReplySuggester with the built-in embedding model', () => {
  let service: WorkerIntelligenceService;
  let suggester: ReplySuggester;

  beforeAll(() => {
    service = new WorkerIntelligenceService({ modelsDir: builtInModelsDir() });
    suggester = new ReplySuggester((t) => service.embed(t), defaultReplyLibrary(), new InMemoryReplyUsage());
  });
  afterAll(async () => {
    await service.dispose();
  });

  it('ranks a refund macro first for a refund request and fills it from the customer record', async () => {
    const suggestions = await suggester.suggest(handoffFixture(), 'Sam Carter');
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]!.intent).toBe('refund');
    expect(suggestions[0]!.text).toContain('Maria');
    expect(suggestions[0]!.text).not.toContain('{{');
    expect(suggestions[0]!.score).toBeGreaterThanOrEqual(suggestions[1]!.score);
  });

  it('picks the matching macro for other kinds of requests', async () => {
    const cases: [string, string][] = [
      ['My parcel was meant to come on Monday and it still is not here', 'delivery-delay'],
      ['I keep typing my password and it says login failed', 'login-help'],
      ['You took the payment twice from my card this month', 'billing-double-charge'],
      ['Please cancel my subscription, I do not use it anymore', 'cancellation'],
    ];
    for (const [text, expected] of cases) {
      const [top] = await suggester.suggest(handoffFixture({ messages: [{ author: 'customer', text }] }));
      expect(top!.replyId, text).toBe(expected);
    }
  });

  it('greets a VIP first and leaves unknown values as visible blanks', async () => {
    const handoff = handoffFixture({ tier: 'vip', messages: [{ author: 'customer', text: 'hello, I need some help please' }] });
    const suggestions = await suggester.suggest(handoff);
    expect(suggestions[0]!.replyId).toBe('vip-greeting');
    expect(suggestions[0]!.text).toContain('[[agent.firstName]]');
    expect(suggestions[0]!.missing).toEqual(['agent.firstName']);
  });

  it('ranks an accepted suggestion higher next time', async () => {
    const handoff = handoffFixture({ messages: [{ author: 'customer', text: 'I have a question about money I paid' }] });
    const before = await suggester.suggest(handoff);
    const third = before[2]!;
    expect(suggester.recordUse(third.replyId)).toBe(true);
    expect(suggester.recordUse('no-such-reply')).toBe(false);
    const after = await suggester.suggest(handoff);
    const again = after.find((s) => s.replyId === third.replyId);
    expect(again).toBeDefined();
    expect(again!.score).toBeCloseTo(third.score + usageBoost(1), 5);
    expect(after.findIndex((s) => s.replyId === third.replyId)).toBeLessThanOrEqual(2);
  });
});
