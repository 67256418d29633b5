import { describe, expect, it } from 'vitest';
import { localStoreSuite } from './store';

describe('local store benchmark', () => {
  it('runs its quick version end to end (the real numbers come from npm run bench)', async () => {
    const entries = await localStoreSuite.run({ quick: true });
    expect(entries.map((e) => e.name)).toContain('drain throughput');
    for (const e of entries) expect(e.value).toBeGreaterThan(0);
  });
});
