import { describe, expect, it } from 'vitest';
import { inferLabels } from './model-folder';

describe('inferLabels', () => {
  it('maps negative/neutral/positive in any case, and POSITIVE/NEGATIVE with a neutral band', () => {
    expect(inferLabels({ 0: 'negative', 1: 'neutral', 2: 'positive' })).toEqual({ values: { negative: -1, neutral: 0, positive: 1 }, neutralBand: 0 });
    expect(inferLabels({ 0: 'NEGATIVE', 1: 'POSITIVE' })).toEqual({ values: { NEGATIVE: -1, POSITIVE: 1 }, neutralBand: 0.6 });
  });

  it('maps 1–5 stars onto [-1, 1]', () => {
    expect(inferLabels({ 0: '1 star', 1: '2 stars', 2: '3 stars', 3: '4 stars', 4: '5 stars' })).toEqual({
      values: { '1 star': -1, '2 stars': -0.5, '3 stars': 0, '4 stars': 0.5, '5 stars': 1 },
      neutralBand: 0,
    });
  });

  it('refuses labels it cannot interpret rather than guessing', () => {
    expect(inferLabels({ 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' })).toBeNull();
    expect(inferLabels({ 0: 'positive' })).toBeNull();
    expect(inferLabels({ 0: 'neutral', 1: 'positive' })).toBeNull();
    expect(inferLabels(undefined)).toBeNull();
  });
});
