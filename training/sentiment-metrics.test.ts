import { describe, expect, it } from 'vitest';
import { scoreSentiment } from './sentiment-metrics';

describe('scoreSentiment', () => {
  it('computes macro-recall, accuracy, macro-F1 and the confusion matrix', () => {
    const truth = ['negative', 'negative', 'neutral', 'positive', 'positive', 'positive'] as const;
    const pred = ['negative', 'neutral', 'neutral', 'positive', 'positive', 'negative'] as const;
    const s = scoreSentiment(truth, pred);
    expect(s.confusion).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
    expect(s.accuracy).toBeCloseTo(4 / 6, 10);
    expect(s.macroRecall).toBeCloseTo((1 / 2 + 1 + 2 / 3) / 3, 10);
    // F1: negative p=1/2 r=1/2 -> 1/2; neutral p=1/2 r=1 -> 2/3; positive p=1 r=2/3 -> 4/5
    expect(s.macroF1).toBeCloseTo((1 / 2 + 2 / 3 + 4 / 5) / 3, 10);
  });

  it('a majority-class guesser gets one third macro-recall whatever the imbalance', () => {
    const truth = [...Array(90).fill('neutral'), ...Array(5).fill('negative'), ...Array(5).fill('positive')];
    const s = scoreSentiment(truth, Array(100).fill('neutral'));
    expect(s.accuracy).toBeCloseTo(0.9, 10);
    expect(s.macroRecall).toBeCloseTo(1 / 3, 10);
  });
});
