// Runs `npm run bench -- --quick` in-process once so the benchmarks cannot rot: the results have
// the shape bench/results.json promises and every figure is a finite number. No speed assertions
// here: speed is what the full run reports, next to its baselines.
import { describe, expect, it } from 'vitest';
import { formatTable, runBenchmarks } from './run';
import { BENCH_SUITES } from './suites';

describe('npm run bench -- --quick', () => {
  it('produces {date, machine, entries[]} with a finite value for every entry', async () => {
    const results = await runBenchmarks({ quick: true });
    // A suite that throws is reported in `failed` and the others still run: none may fail here.
    expect(results.failed, JSON.stringify(results.failed)).toBeUndefined();
    expect(Object.keys(results).sort()).toEqual(['date', 'entries', 'machine']);
    expect(Number.isNaN(Date.parse(results.date))).toBe(false);
    expect(results.machine).toMatch(/Node v\d+/);
    expect(results.entries.length).toBeGreaterThanOrEqual(BENCH_SUITES.length);
    const names = new Set<string>();
    for (const e of results.entries) {
      expect(Object.keys(e).sort(), e.name).toEqual(['baseline', 'baselineValue', 'name', 'ratio', 'unit', 'value']);
      expect(names.has(e.name), `duplicate entry name ${e.name}`).toBe(false);
      names.add(e.name);
      expect(e.unit.length, e.name).toBeGreaterThan(0);
      expect(Number.isFinite(e.value), `${e.name} = ${e.value}`).toBe(true);
      if (e.baseline === null) {
        expect(e.baselineValue, e.name).toBeNull();
        expect(e.ratio, e.name).toBeNull();
      } else {
        expect(Number.isFinite(e.baselineValue), `${e.name} baseline = ${e.baselineValue}`).toBe(true);
        expect(e.ratio === null || Number.isFinite(e.ratio), `${e.name} ratio = ${e.ratio}`).toBe(true);
      }
    }
    // The table prints one row per entry under a header and a rule.
    expect(formatTable(results).split('\n')).toHaveLength(results.entries.length + 2);
  }, 300_000);
});
