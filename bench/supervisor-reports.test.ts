import { describe, expect, it } from 'vitest';
import { measureSupervisorReports } from './supervisor-reports';

describe('supervisor reports benchmark', () => {
  it('runs on a small store and returns figures (the 1,000,000-handoff numbers come from npm run bench)', () => {
    const figures = measureSupervisorReports({ handoffs: 3_000, days: 30 });
    expect(figures.handoffs).toBe(3_000);
    for (const value of [figures.weekReportMs, figures.monthReportMs, figures.yearReportMs, figures.weekOverTimeMs, figures.weekNaiveOverTimeMs, figures.csvPageMs]) {
      expect(value).toBeGreaterThanOrEqual(0);
    }
    expect(figures.seedPerSecond).toBeGreaterThan(0);
  });
});
