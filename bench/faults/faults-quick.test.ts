// Runs `npm run faults -- --quick` in-process once: every scenario finishes, loses nothing and
// passes, and the report has the shape bench/faults.json promises. The full-size run is
// `npm run faults`; its figures are in docs/performance.md.
import { describe, expect, it } from 'vitest';
import { FAULT_SCENARIOS, formatFaultTable, runFaults } from './run';

describe('npm run faults -- --quick', () => {
  it('runs every scenario with nothing lost', async () => {
    const results = await runFaults({ quick: true });
    expect(results.quick).toBe(true);
    expect(results.scenarios.map((s) => s.name)).toEqual(FAULT_SCENARIOS.map((s) => s.name));
    for (const s of results.scenarios) {
      expect(Object.keys(s).sort(), s.name).toEqual(['detail', 'duplicated', 'kept', 'lost', 'name', 'passed', 'recoverMs', 'sent']);
      expect(s.lost, `${s.name}: ${s.detail}`).toBe(0);
      expect(s.duplicated, `${s.name}: ${s.detail}`).toBe(0);
      expect(s.sent, `${s.name}: ${s.detail}`).toBeGreaterThan(0);
      expect(s.passed, `${s.name}: ${s.detail}`).toBe(true);
      expect(Number.isFinite(s.recoverMs)).toBe(true);
    }
    expect(formatFaultTable(results)).toContain('passed');
  }, 900_000);
});
