// Runs the sentiment and suggestion benchmarks in their smallest form so they cannot rot; the
// figures themselves come from `npm run bench` (no timing assertions here).
import { describe, expect, it } from 'vitest';
import { measureSentiment } from './sentiment';
import { measureSuggest, syntheticLibrary } from './suggest';

describe('model benchmarks (quick)', () => {
  it('measures sentiment latency through the worker, in-process and for VADER', async () => {
    const f = await measureSentiment({ messages: 40 });
    expect(f.messages).toBe(40);
    for (const v of [f.loadMs, f.worker.p50Us, f.worker.p99Us, f.inProcess.p50Us, f.vader.p50Us, f.worker.batchMessagesPerSec]) {
      expect(Number.isFinite(v) && v > 0).toBe(true);
    }
    expect(f.worker.p99Us).toBeGreaterThanOrEqual(f.worker.p50Us);
  });

  it('builds a library of the requested size with unique ids and measures ranking', async () => {
    const library = syntheticLibrary(300);
    expect(new Set(library.map((m) => m.id)).size).toBe(300);
    const f = await measureSuggest({ replies: 300, requests: 5 });
    expect(f.replies).toBe(300);
    expect(f.prepareMs).toBeGreaterThan(0);
    expect(f.rankOnlyP50Ms).toBeGreaterThan(0);
  });
});
