import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSuggestions } from './suggest-eval';

describe('eval:suggest', () => {
  it('finds the expected reply in the top three for most hand-written support queries', async () => {
    const r = await evaluateSuggestions(resolve(import.meta.dirname, '../training/eval/support-queries.tsv'));
    expect(r.pairs).toBeGreaterThanOrEqual(80);
    // Measured 77% top-1 / 89% top-3 with the shipped models; a drop below these floors is a regression.
    expect(r.top1).toBeGreaterThan(0.65);
    expect(r.top3).toBeGreaterThan(0.8);
    expect(r.top3).toBeGreaterThanOrEqual(r.top1);
  });

  it('refuses a file whose reply ids are not in the library', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(resolve(tmpdir(), 'baton-suggest-'));
    try {
      const file = resolve(dir, 'pairs.tsv');
      writeFileSync(file, 'label\ttext\nno-such-reply\twhere is my refund\n');
      await expect(evaluateSuggestions(file)).rejects.toThrow(/pairs\.tsv:2: label "no-such-reply" is not one of/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
