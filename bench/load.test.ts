// `npm run bench -- --load --levels …`: the levels a reader asks for are the levels measured, and a
// mistyped level is refused with a message naming it (the load run itself is too long for a test;
// `npm run bench -- --load --quick` runs it small).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEVELS, LOAD_SUITES, parseLevels } from './load';

describe('bench --load levels', () => {
  it('parses name=N,N pairs separated by ; or spaces', () => {
    expect(parseLevels('offer=50,200;fts=1000')).toEqual({ offer: [50, 200], fts: [1000] });
    expect(parseLevels('ingest=1,4,16 fanout=100')).toEqual({ ingest: [1, 4, 16], fanout: [100] });
  });

  it('refuses unknown suites and levels that are not positive integers, naming them', () => {
    expect(() => parseLevels('agents=5')).toThrow(/offer, ingest, fanout, fts.*"agents=5"/);
    expect(() => parseLevels('offer=5,x')).toThrow(/--levels offer: .*"5,x"/);
    expect(() => parseLevels('fts=0')).toThrow(/positive integers/);
  });

  it('has 3–4 full levels and a quick version for every suite', () => {
    expect(LOAD_SUITES.map((s) => s.name)).toEqual(['load: offer latency', 'load: ingest throughput', 'load: fan-out', 'load: notes FTS']);
    for (const [name, levels] of Object.entries(DEFAULT_LEVELS)) {
      expect(levels.full.length, name).toBeGreaterThanOrEqual(3);
      expect(levels.full.length, name).toBeLessThanOrEqual(4);
      expect(levels.quick.length, name).toBeGreaterThan(0);
    }
  });

  it('runs a suite at the levels given', async () => {
    const fts = LOAD_SUITES.find((s) => s.name === 'load: notes FTS')!;
    const entries = await fts.run({ quick: true, levels: { fts: [50] } });
    expect(entries.map((e) => e.name)).toEqual([
      'load_notes_fts_p50_50_notes',
      'load_notes_fts_p99_50_notes',
      'load_notes_store_open_50_notes',
      'load_notes_index_built_50_notes',
      'load_notes_index_build_longest_turn_50_notes',
    ]);
    for (const e of entries) expect(Number.isFinite(e.value), e.name).toBe(true);
  });
});
