// The seeded support-chat generator: reproducible, balanced, and never a source of the hand-written
// evaluation messages it is meant to be measured against.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { supportChatSynthetic } from './support-chat-synthetic';

const rowsOf = (tsv: string) => tsv.trim().split('\n').slice(1).map((line) => line.split('\t') as [string, string]);
// Case and punctuation do not make a message new.
const plain = (text: string) => text.toLowerCase().replace(/[^a-z0-9 ]/g, '').replace(/\s+/g, ' ').trim();

describe('supportChatSynthetic', () => {
  it('is reproducible by seed and adds the negation part after the unchanged original part', () => {
    const base = supportChatSynthetic(200, 7);
    const withNegation = supportChatSynthetic(200, 7, 100);
    expect(supportChatSynthetic(200, 7, 100)).toBe(withNegation);
    expect(supportChatSynthetic(200, 8, 100)).not.toBe(withNegation);
    expect(withNegation.startsWith(base)).toBe(true);
    const rows = rowsOf(withNegation);
    expect(new Set(rows.map((r) => r.join('\t'))).size).toBe(rows.length);
    const perLabel = (label: string) => rows.filter((r) => r[0] === label).length;
    expect([perLabel('negative'), perLabel('neutral'), perLabel('positive')]).toEqual([300, 300, 300]);
  });

  it('covers friendly negation, negated complaints and plain answers with "no"', () => {
    const texts = (label: string) => rowsOf(supportChatSynthetic(0, 7, 500)).filter((r) => r[0] === label).map((r) => r[1].toLowerCase());
    const positive = texts('positive');
    const negative = texts('negative');
    const neutral = texts('neutral');
    for (const phrase of ['no problem', 'no worries', 'not bad', "can't complain", 'no complaints', 'problem solved', 'no rush']) expect(positive.some((t) => t.includes(phrase)), phrase).toBe(true);
    for (const phrase of ['not happy', 'not working', 'not helpful', 'not good enough', 'never again', 'no help at all', 'nobody answers', "didn't fix anything"]) expect(negative.some((t) => t.includes(phrase)), phrase).toBe(true);
    expect(neutral.some((t) => /^(no|nope|not yet)\b/.test(t))).toBe(true);
    expect(neutral.some((t) => t.includes('problem') && t.endsWith('?'))).toBe(true);
  });

  it('never generates a message of the negation or hard evaluation sets', () => {
    const generated = new Set(rowsOf(supportChatSynthetic(1500, 7, 200)).map((r) => plain(r[1])));
    for (const file of ['support-chat-negation.tsv', 'support-chat-sentiment-hard.tsv']) {
      const evaluation = rowsOf(readFileSync(resolve(import.meta.dirname, '../eval', file), 'utf8')).map((r) => r[1]);
      expect(evaluation.length).toBeGreaterThan(40);
      expect(evaluation.filter((t) => generated.has(plain(t))), file).toEqual([]);
    }
  });
});
