import { describe, expect, it } from 'vitest';
import { defaultReplyLibrary, parseReplyLibrary } from './reply-library';

describe('reply library', () => {
  it('ships valid defaults covering the common support intents', () => {
    const library = defaultReplyLibrary();
    expect(parseReplyLibrary(library)).toMatchObject({ ok: true });
    const intents = new Set(library.map((m) => m.intent));
    for (const intent of ['refund', 'delivery_delay', 'login', 'billing', 'cancellation', 'complaint', 'vip']) expect(intents).toContain(intent);
  });

  it('rejects a team library with a clear message naming the field', () => {
    const bad = [{ id: 'Refund Now', title: 'x', intent: 'refund', text: 'hi', examples: ['a'] }];
    const r = parseReplyLibrary(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^reply library: 0\.id: lower-case/);
    const dup = defaultReplyLibrary().slice(0, 1);
    const r2 = parseReplyLibrary([...dup, ...dup]);
    expect(r2.ok === false && r2.error).toMatch(/1\.id: duplicate reply id refund-status/);
  });
});
