import { describe, expect, it } from 'vitest';
import { measureDesktopDelivery } from './desktop-delivery';

describe('desktop delivery benchmark', () => {
  it('measures POST → browser API socket on a short run (the real numbers come from npm run bench)', async () => {
    const sample = await measureDesktopDelivery(5);
    expect(sample).toHaveLength(5);
    for (const s of sample) {
      expect(s.linkMs).toBeGreaterThan(0);
      expect(s.browserMs).toBeGreaterThanOrEqual(s.linkMs);
    }
  });
});
