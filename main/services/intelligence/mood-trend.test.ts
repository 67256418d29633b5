import { describe, expect, it } from 'vitest';
import type { Message, SentimentLabel } from '../../../shared/domain';
import { moodTrend } from './mood-trend';

function msgs(scores: (number | null)[], author: Message['author'] = 'customer'): Message[] {
  return scores.map((score, i) => ({
    id: `m${i}`,
    author,
    text: 't',
    at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    ...(score === null ? {} : { sentiment: { label: (score < -0.2 ? 'negative' : score > 0.2 ? 'positive' : 'neutral') as SentimentLabel, score, source: 'test' } }),
  }));
}

describe('moodTrend', () => {
  it('has no points and no flag without scored customer messages', () => {
    expect(moodTrend([])).toEqual({ points: [], average: null, slope: 0, falling: false });
    expect(moodTrend(msgs([-0.9, -0.9], 'agent')).falling).toBe(false);
  });

  it('flags a steady slide into negative', () => {
    const t = moodTrend(msgs([0.4, 0.1, -0.2, -0.5, -0.8]));
    expect(t.slope).toBeCloseTo(-0.3, 5);
    expect(t.falling).toBe(true);
    expect(t.points.map((p) => p.messageId)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('flags a sudden turn into anger', () => {
    expect(moodTrend(msgs([0.6, -0.5])).falling).toBe(true);
  });

  it('does not flag a customer who is negative but recovering, or steady', () => {
    expect(moodTrend(msgs([-0.9, -0.6, -0.2])).falling).toBe(false);
    expect(moodTrend(msgs([-0.3, -0.3, -0.3])).falling).toBe(false);
    expect(moodTrend(msgs([0.5, 0.2, 0.1])).falling).toBe(false);
  });

  it('looks only at the last N scored customer messages, skipping unscored ones', () => {
    const t = moodTrend(msgs([-0.9, -0.9, null, 0.5, 0.6, 0.7]), { window: 3 });
    expect(t.points.map((p) => p.messageId)).toEqual(['m3', 'm4', 'm5']);
    expect(t.average).toBeCloseTo(0.6, 5);
    expect(t.falling).toBe(false);
  });
});
