import { describe, expect, it } from 'vitest';
import { splitIntents } from './intent-split';
import { centroidAccuracy, knnAccuracy, dot } from './neighbour-accuracy';
import { sparseDot, TfIdf } from './tfidf';

const rows = Array.from({ length: 100 }, (_, i) => ({ label: i % 4 === 0 ? 'a' : 'b', text: `t${i}`, line: i + 2 }));

describe('splitIntents', () => {
  it('holds out the same stratified tenth for the same seed', () => {
    const one = splitIntents(rows, 0.1, 7);
    const two = splitIntents(rows, 0.1, 7);
    expect(one.holdout.map((r) => r.text)).toEqual(two.holdout.map((r) => r.text));
    expect(one.holdout.filter((r) => r.label === 'a')).toHaveLength(3);
    expect(one.holdout.filter((r) => r.label === 'b')).toHaveLength(8);
    expect(one.train.length + one.holdout.length).toBe(100);
    expect(new Set([...one.train, ...one.holdout].map((r) => r.text)).size).toBe(100);
    expect(splitIntents(rows, 0.1, 8).holdout.map((r) => r.text)).not.toEqual(one.holdout.map((r) => r.text));
  });
});

describe('neighbour accuracy and TF-IDF', () => {
  it('classifies by centroid and by k-NN', () => {
    const train = [
      { label: 'x', vec: [1, 0] },
      { label: 'x', vec: [0.9, 0.1] },
      { label: 'y', vec: [0, 1] },
    ];
    const test = [
      { label: 'x', vec: [0.8, 0.2] },
      { label: 'y', vec: [0.1, 0.9] },
      { label: 'y', vec: [0.9, 0.2] },
    ];
    expect(centroidAccuracy(train, test)).toBeCloseTo(2 / 3, 10);
    expect(knnAccuracy(train, test, dot, 1)).toBeCloseTo(2 / 3, 10);
    expect(knnAccuracy(train, train, dot, 1, true)).toBeCloseTo(2 / 3, 10);
  });

  it('weights rare words above common ones', () => {
    const tfidf = new TfIdf(['my card is lost', 'my card arrived', 'my refund is late', 'my account']);
    const q = tfidf.vector('my refund');
    expect(sparseDot(q, tfidf.vector('my refund is late'))).toBeGreaterThan(sparseDot(q, tfidf.vector('my card arrived')));
    expect(q.get('refund')!).toBeGreaterThan(q.get('my')!);
  });
});
