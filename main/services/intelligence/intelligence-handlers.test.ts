import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import type { Handoff } from '../../../shared/domain';
import { createIntelligenceHandlers, forwardIntelligenceStatus } from './intelligence-handlers';
import { WorkerIntelligenceService } from './intelligence-service';
import { handoffFixture } from './handoff-fixture';
import { builtInModelsDir } from './models-dir';
import { defaultReplyLibrary } from './reply-library';
import { ReplySuggester } from './reply-suggester';
import { InMemoryReplyUsage } from './reply-usage';

describe('intelligence API handlers', () => {
  let service: WorkerIntelligenceService;
  let handlers: ApiHandlers;
  const handoffs = new Map<string, Handoff>();
  const log = { error: () => {} };

  beforeAll(() => {
    service = new WorkerIntelligenceService({ modelsDir: builtInModelsDir() });
    const suggester = new ReplySuggester((t) => service.embed(t), defaultReplyLibrary(), new InMemoryReplyUsage());
    handlers = createIntelligenceHandlers({ service, suggester, lookupHandoff: (id) => handoffs.get(id), agentName: () => 'Sam Carter' }) as ApiHandlers;
    handoffs.set(
      'h-100',
      handoffFixture({
        messages: [
          { author: 'customer', text: 'Hi, I would like to check on my refund please.' },
          { author: 'bot', text: 'Your refund was issued.' },
          { author: 'customer', text: 'Thanks, that is great news!' },
          { author: 'customer', text: 'Wait, it is not there. This is ridiculous, I am furious, worst service ever!' },
        ],
      }),
    );
  });
  afterAll(async () => {
    await service.dispose();
  });

  it('returns three filled suggestions for a handoff', async () => {
    const result = await dispatchApiCall(handlers, 'suggestions:get', { handoffId: 'h-100' }, log);
    expect(result.ok).toBe(true);
    const value = result.ok ? (result.value as { replyId: string; text: string }[]) : [];
    expect(value).toHaveLength(3);
    expect(value.some((s) => s.text.includes('Maria'))).toBe(true);
  });

  it('answers not_found for an unknown handoff or reply, bad_request for bad arguments', async () => {
    expect(await dispatchApiCall(handlers, 'suggestions:get', { handoffId: 'nope' }, log)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatchApiCall(handlers, 'suggestions:used', { handoffId: 'h-100', replyId: 'nope' }, log)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await dispatchApiCall(handlers, 'suggestions:used', { handoffId: 'h-100', replyId: 'refund-status' }, log)).toEqual({ ok: true, value: null });
    expect(await dispatchApiCall(handlers, 'suggestions:get', {}, log)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('scores the customer messages and flags the falling mood', async () => {
    const result = await dispatchApiCall(handlers, 'sentiment:trend', { handoffId: 'h-100' }, log);
    if (!result.ok) throw new Error(result.error.message);
    const trend = result.value as { points: { sentiment: { label: string; source: string } }[]; falling: boolean };
    expect(trend.points).toHaveLength(3);
    expect(trend.points.at(-1)!.sentiment).toMatchObject({ label: 'negative', source: 'baton-sentiment-mini' });
    expect(trend.points[1]!.sentiment.label).toBe('positive');
    expect(trend.falling).toBe(true);
  });

  it('pushes status changes as intelligence:status events', async () => {
    const fresh = new WorkerIntelligenceService({ modelsDir: builtInModelsDir() });
    const events: { event: string; state: string }[] = [];
    const sub = forwardIntelligenceStatus(fresh, (event, payload) => events.push({ event, state: (payload as { sentiment: { state: string } }).sentiment.state }));
    try {
      await fresh.warmUp('sentiment');
      expect(events.map((e) => e.state)).toEqual(['loading', 'ready']);
      expect(events.every((e) => e.event === 'intelligence:status')).toBe(true);
    } finally {
      await sub.dispose();
      await fresh.dispose();
    }
  });

  it('reports the model status', async () => {
    const result = await dispatchApiCall(handlers, 'intelligence:status', {}, log);
    expect(result).toMatchObject({ ok: true, value: { sentiment: { model: 'baton-sentiment-mini', state: 'ready' }, embeddings: { state: 'ready' } } });
  });
});
