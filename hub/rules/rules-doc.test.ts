// Keeps docs/rules.md honest: its example file parses and gives the outcome the page shows.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { evaluateRules } from './evaluate-rules';
import { parseRules } from './parse-rules';
import { requestWith } from './request-fixture';

const doc = readFileSync(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)), 'utf8');

it('the example in docs/rules.md gives the documented outcome', () => {
  const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
  const documented = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!) as unknown;
  const parsed = parseRules(yaml, 'yaml');
  expect(parsed.ok, parsed.ok ? '' : parsed.errors.join('\n')).toBe(true);
  if (!parsed.ok) return;
  const outcome = evaluateRules(parsed.rules, requestWith({ tier: 'vip', sentimentScore: -0.8, language: 'de' }), new Date('2026-01-05T10:00:00Z'));
  expect(outcome).toMatchObject({ priority: 'P1', queue: 'vip', skills: ['vip', 'german'], slaSeconds: 60, alertSupervisor: true });
  expect(outcome.decisions).toEqual(documented);
});

it('every documented condition and placeholder exists', () => {
  for (const condition of ['trigger', 'tier', 'plan', 'lifetimeValue', 'sentimentScore', 'sentimentLabel', 'sentimentTrend', 'failedAttempts', 'botConfidence', 'intent', 'language', 'keywords', 'channel', 'businessHours', 'any', 'all', 'not']) {
    expect(doc).toContain(`| \`${condition}\` |`);
    const result = parseRules(`version: 1\nrules:\n  - id: x\n    when: { ${condition}: 42 }\n    then: {}\n`, 'yaml');
    // A wrong value type is an error about that condition, not an unknown key.
    expect(!result.ok && result.errors.join('\n')).not.toMatch(/Unrecognized key/);
  }
});
