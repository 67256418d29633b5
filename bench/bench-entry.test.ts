// `npm run bench -- --size name=N`: the sizes a reader asks for are the sizes used by full runs,
// quick runs keep their small sizes, and a mistyped size is refused with a message naming it.
import { describe, expect, it } from 'vitest';
import { BENCH_SIZES, benchSize, parseSizes } from './bench-entry';

describe('bench --size', () => {
  it('parses name=N pairs and applies them to full runs only', () => {
    const sizes = parseSizes('supervisor-handoffs=200000;fts-notes=5000');
    expect(sizes).toEqual({ 'supervisor-handoffs': 200_000, 'fts-notes': 5_000 });
    expect(benchSize({ quick: false, sizes }, 'supervisor-handoffs', 20_000)).toBe(200_000);
    expect(benchSize({ quick: false, sizes }, 'drain-changes', 400)).toBe(BENCH_SIZES['drain-changes']);
    expect(benchSize({ quick: true, sizes }, 'supervisor-handoffs', 20_000)).toBe(20_000);
  });

  it('refuses unknown names and sizes that are not positive integers, naming them', () => {
    expect(() => parseSizes('handoffs=5')).toThrow(/supervisor-handoffs.*"handoffs=5"/);
    expect(() => parseSizes('fts-notes=1e3x')).toThrow(/--size fts-notes: .*"1e3x"/);
    expect(() => parseSizes('offer-samples=0')).toThrow(/positive integer/);
  });
});
