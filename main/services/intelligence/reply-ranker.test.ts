import { describe, expect, it } from 'vitest';
import { intentMatches, rankReplies, usageBoost, USAGE_BOOST_MAX, type RankCandidate } from './reply-ranker';

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return xs.map((x) => x / n);
};

const candidates: RankCandidate[] = [
  { id: 'refund', intent: 'refund', vectors: [unit(1, 0, 0), unit(0.9, 0.1, 0)] },
  { id: 'delivery', intent: 'delivery_delay', vectors: [unit(0, 1, 0)] },
  { id: 'login', intent: 'login', vectors: [unit(0, 0, 1)] },
  { id: 'billing', intent: 'billing', vectors: [unit(0.7, 0.7, 0)] },
];

describe('rankReplies', () => {
  it('orders by the best-matching example and returns the top three', () => {
    const ranked = rankReplies({ vector: unit(1, 0.05, 0) }, candidates);
    expect(ranked.map((r) => r.id)).toEqual(['refund', 'billing', 'delivery']);
  });

  it('adds a bonus for the conversation intent', () => {
    const vector = unit(0.45, 0.9, 0);
    expect(rankReplies({ vector }, candidates)[0]!.id).toBe('billing');
    expect(rankReplies({ vector, intent: 'Delivery delay' }, candidates)[0]!.id).toBe('delivery');
  });

  it('ranks a reply the agent accepted before higher next time', () => {
    const query = { vector: unit(0.9, 0.45, 0) };
    expect(rankReplies(query, candidates)[0]!.id).toBe('billing');
    const usage = new Map([['refund', 3]]);
    expect(rankReplies({ ...query, usage }, candidates)[0]!.id).toBe('refund');
  });

  it('keeps the usage boost small and saturating so relevance still wins', () => {
    expect(usageBoost(0)).toBe(0);
    expect(usageBoost(1)).toBeGreaterThan(0);
    expect(usageBoost(1_000_000)).toBe(USAGE_BOOST_MAX);
    const usage = new Map([['login', 1_000_000]]);
    expect(rankReplies({ vector: unit(1, 0, 0), usage }, candidates)[0]!.id).toBe('refund');
  });
});

describe('intentMatches', () => {
  it('matches spellings of the same intent and ignores filler words', () => {
    expect(intentMatches('refund_request', 'refund')).toBe(true);
    expect(intentMatches('Delivery delay', 'delivery_delay')).toBe(true);
    expect(intentMatches('cancel subscription', 'cancellation')).toBe(true);
    expect(intentMatches('cancel', 'login')).toBe(false);
    expect(intentMatches('cancellation_request', 'cancellation')).toBe(true);
    expect(intentMatches(undefined, 'refund')).toBe(false);
    expect(intentMatches('billing question', 'refund')).toBe(false);
  });
});
