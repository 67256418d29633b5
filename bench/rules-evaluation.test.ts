import { describe, expect, it } from 'vitest';
import { benchRuleSet, measureRulesEvaluation } from './rules-evaluation';

describe('rules evaluation benchmark', () => {
  it('builds a valid 50-rule file for both strategies', () => {
    expect(benchRuleSet('all-match').rules).toHaveLength(50);
    expect(benchRuleSet('first-match').strategy).toBe('first-match');
  });

  it('runs quickly and returns figures (the speed itself is reported by npm run bench)', () => {
    const figures = measureRulesEvaluation({ iterations: 500, handoffs: 50 });
    expect(figures).toMatchObject({ rules: 50, handoffs: 50, iterations: 500 });
    for (const strategy of [figures.allMatch, figures.firstMatch]) {
      expect(strategy.meanMicros).toBeGreaterThan(0);
      expect(strategy.p99Micros).toBeGreaterThanOrEqual(strategy.p50Micros);
    }
    expect(figures.allMatch.firedPerHandoff).toBeGreaterThan(figures.firstMatch.firedPerHandoff);
    expect(figures.firstMatch.firedPerHandoff).toBe(1);
  });
});
