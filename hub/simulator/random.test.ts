import { describe, expect, it } from 'vitest';
import { createRng, mulberry32 } from './random';

describe('seeded random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 20 }, a);
    expect(Array.from({ length: 20 }, b)).toEqual(first);
    expect(Array.from({ length: 20 }, c)).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('keeps helpers inside their bounds and roughly fair', () => {
    const rng = createRng(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 4_000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      counts[rng.weighted({ a: 3, b: 1 })]++;
    }
    expect(counts.a / 4_000).toBeGreaterThan(0.7);
    expect(counts.a / 4_000).toBeLessThan(0.8);
    expect(rng.sample([1, 2, 3, 4], 4).sort()).toEqual([1, 2, 3, 4]);
    expect(() => rng.pick([])).toThrow(/empty/);
  });
});
