import { describe, expect, it } from 'vitest';
import { evaluateRules } from './evaluate-rules';
import { parseRules } from './parse-rules';
import { requestWith, type RequestChanges } from './request-fixture';
import type { RuleSet } from './rule-set';

const MONDAY_MORNING = new Date('2026-01-05T09:30:00Z');

function rulesFrom(document: object): RuleSet {
  const parsed = parseRules(JSON.stringify(document), 'json');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.rules;
}

function fires(when: object, changes: RequestChanges, now = MONDAY_MORNING, extra: object = {}): boolean {
  const rules = rulesFrom({ version: 1, strategy: 'first-match', ...extra, rules: [{ id: 'probe', when, then: { priority: 'P1' } }] });
  return evaluateRules(rules, requestWith(changes), now).decisions[0]!.ruleId === 'probe';
}

describe('each condition type', () => {
  const cases: { name: string; when: object; match: RequestChanges; miss: RequestChanges }[] = [
    { name: 'trigger', when: { trigger: 'vip_customer' }, match: { trigger: 'vip_customer' }, miss: { trigger: 'unknown_query' } },
    { name: 'trigger list', when: { trigger: ['vip_customer', 'failed_attempts'] }, match: { trigger: 'failed_attempts' }, miss: { trigger: 'human_requested' } },
    { name: 'tier', when: { tier: ['vip', 'premium'] }, match: { tier: 'premium' }, miss: { tier: 'plus' } },
    { name: 'plan (case-insensitive)', when: { plan: 'Enterprise' }, match: { plan: 'enterprise' }, miss: { plan: 'Basic' } },
    { name: 'lifetime value', when: { lifetimeValue: { gte: 10000 } }, match: { lifetimeValue: 10000 }, miss: { lifetimeValue: 9999 } },
    { name: 'lifetime value absent never matches', when: { lifetimeValue: { lt: 100 } }, match: { lifetimeValue: 5 }, miss: {} },
    { name: 'sentiment score', when: { sentimentScore: { lte: -0.5 } }, match: { sentimentScore: -0.5 }, miss: { sentimentScore: -0.49 } },
    {
      name: 'sentiment score falls back to the newest scored customer message',
      when: { sentimentScore: { lt: -0.7 } },
      match: { sentimentScore: null, customerScores: [0.1, -0.8] },
      miss: { sentimentScore: null, customerScores: [-0.8, 0.1] },
    },
    { name: 'sentiment label', when: { sentimentLabel: 'negative' }, match: { sentimentScore: -0.6 }, miss: { sentimentScore: 0 } },
    {
      name: 'sentiment trend word',
      when: { sentimentTrend: 'falling' },
      match: { customerScores: [0.2, -0.1, -0.3] },
      miss: { customerScores: [-0.3, -0.2, -0.25] },
    },
    {
      name: 'sentiment trend range uses the last trendWindow messages',
      when: { sentimentTrend: { gte: 0.5 } },
      match: { customerScores: [-0.9, -0.9, -0.6, -0.3] },
      miss: { customerScores: [-0.9, -0.4, -0.3, -0.1] },
    },
    { name: 'sentiment trend needs two scores', when: { sentimentTrend: 'steady' }, match: { customerScores: [0, 0.1] }, miss: { customerScores: [0] } },
    { name: 'failed attempts', when: { failedAttempts: { gte: 3 } }, match: { failedAttempts: 4 }, miss: { failedAttempts: 2 } },
    { name: 'bot confidence', when: { botConfidence: { lt: 0.3 } }, match: { botConfidence: 0.1 }, miss: { botConfidence: 0.3 } },
    { name: 'intent exact', when: { intent: 'refund.status' }, match: { intent: 'Refund.Status' }, miss: { intent: 'refund.request' } },
    { name: 'intent prefix', when: { intent: 'billing*' }, match: { intent: 'billing.double_charge' }, miss: { intent: 'login.failed' } },
    { name: 'intent from recent intents', when: { intent: 'cancel*' }, match: { intent: 'other', recentIntents: ['cancellation'] }, miss: { intent: 'other' } },
    { name: 'language primary tag', when: { language: 'de' }, match: { language: 'de-AT' }, miss: { language: 'den' } },
    { name: 'language full tag', when: { language: 'es-MX' }, match: { language: 'es-mx' }, miss: { language: 'es' } },
    {
      name: 'keywords are whole words, any case',
      when: { keywords: ['refund', 'legal action'] },
      match: { customerTexts: ['I want a REFUND!'] },
      miss: { customerTexts: ['It was refunded already'] },
    },
    {
      name: 'keyword phrases span whitespace',
      when: { keywords: ['legal action'] },
      match: { customerTexts: ['I will take legal\n action'] },
      miss: { customerTexts: ['legal, action'] },
    },
    { name: 'keywords with accents', when: { keywords: 'Anwalt' }, match: { customerTexts: ['Mein anwalt meldet sich.'] }, miss: { customerTexts: ['Anwaltskosten'] } },
    { name: 'channel', when: { channel: ['voice', 'whatsapp'] }, match: { channel: 'voice' }, miss: { channel: 'email' } },
    {
      name: 'any: one block is enough',
      when: { any: [{ tier: 'vip' }, { lifetimeValue: { gte: 5000 } }] },
      match: { tier: 'standard', lifetimeValue: 6000 },
      miss: { tier: 'standard', lifetimeValue: 10 },
    },
    { name: 'not', when: { not: { channel: 'email' } }, match: { channel: 'chat' }, miss: { channel: 'email' } },
    {
      name: 'all listed conditions must hold',
      when: { tier: 'vip', sentimentScore: { lt: 0 } },
      match: { tier: 'vip', sentimentScore: -0.2 },
      miss: { tier: 'vip', sentimentScore: 0.2 },
    },
    { name: 'empty when is a catch-all', when: {}, match: {}, miss: { __never: true } as RequestChanges },
  ];

  for (const { name, when, match, miss } of cases) {
    it(name, () => {
      expect(fires(when, match)).toBe(true);
      if (!('__never' in miss)) expect(fires(when, miss)).toBe(false);
    });
  }
});

describe('business hours', () => {
  const hours = { businessHours: { timezone: 'Europe/Berlin', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', holidays: ['2026-12-25'] } };
  const cases: [string, string, boolean][] = [
    ['Monday 09:30 Berlin (winter, UTC+1)', '2026-01-05T08:30:00Z', true],
    ['Monday 08:59 Berlin', '2026-01-05T07:59:00Z', false],
    ['Monday 17:00 Berlin is closed (end is exclusive)', '2026-01-05T16:00:00Z', false],
    ['Saturday noon', '2026-01-10T11:00:00Z', false],
    ['Monday 09:30 Berlin in summer (UTC+2)', '2026-07-06T07:30:00Z', true],
    ['Monday 08:30 Berlin in summer', '2026-07-06T06:30:00Z', false],
    ['a holiday on a Friday', '2026-12-25T10:00:00Z', false],
    ['the day after the holiday is a Saturday', '2026-12-26T10:00:00Z', false],
  ];
  for (const [name, iso, open] of cases) {
    it(name, () => {
      expect(fires({ businessHours: true }, {}, new Date(iso), hours)).toBe(open);
      expect(fires({ businessHours: false }, {}, new Date(iso), hours)).toBe(!open);
    });
  }

  it('uses the local weekday, not the UTC one', () => {
    const mondayOnly = { businessHours: { timezone: 'Asia/Tokyo', days: 'mon', start: '00:00', end: '24:00' } };
    // Sunday 20:00 UTC is Monday 05:00 in Tokyo.
    expect(fires({ businessHours: true }, {}, new Date('2026-01-04T20:00:00Z'), mondayOnly)).toBe(true);
    expect(fires({ businessHours: true }, {}, new Date('2026-01-05T20:00:00Z'), mondayOnly)).toBe(false);
  });

  it('names the local time in the reason', () => {
    const rules = rulesFrom({ version: 1, ...hours, rules: [{ id: 'closed', when: { businessHours: false }, then: {} }] });
    const outcome = evaluateRules(rules, requestWith(), new Date('2026-01-10T11:00:00Z'));
    expect(outcome.decisions).toEqual([{ ruleId: 'closed', reason: 'outside business hours (Sat 2026-01-10 12:00 Europe/Berlin)' }]);
  });
});

describe('strategies', () => {
  const rules = [
    { id: 'upset', description: 'Upset customer', when: { sentimentScore: { lte: -0.5 } }, then: { priority: 'P2', skills: ['de-escalation'], slaSeconds: 300, customerMessage: 'Sorry {{customerFirstName}}' } },
    { id: 'vip', when: { tier: 'vip' }, then: { priority: 'P1', queue: 'vip', skills: ['vip', 'de-escalation'], slaSeconds: 120, alertSupervisor: true } },
    { id: 'billing', when: { intent: 'billing*' }, then: { priority: 'P3', queue: 'billing', skills: ['billing'], slaSeconds: 900, customerMessage: 'Billing will help' } },
  ];
  const defaults = { priority: 'P4', queue: 'general', skills: ['support'], slaSeconds: 1800, alertSupervisor: false, customerMessage: 'Please wait' };
  const request = requestWith({ tier: 'vip', sentimentScore: -0.8, intent: 'billing.refund' });

  it('first-match: the first matching rule decides, defaults fill the rest', () => {
    const outcome = evaluateRules(rulesFrom({ version: 1, strategy: 'first-match', defaults, rules }), request, MONDAY_MORNING);
    expect(outcome).toEqual({
      priority: 'P2',
      queue: 'general',
      skills: ['de-escalation'],
      slaSeconds: 300,
      alertSupervisor: false,
      customerMessage: 'Sorry {{customerFirstName}}',
      decisions: [{ ruleId: 'upset', reason: 'Upset customer: sentiment -0.80 (≤ -0.50)' }],
    });
  });

  it('all-match: most urgent priority, shortest SLA, union of skills, first queue and message, any alert', () => {
    const outcome = evaluateRules(rulesFrom({ version: 1, strategy: 'all-match', defaults, rules }), request, MONDAY_MORNING);
    expect(outcome).toMatchObject({
      priority: 'P1',
      queue: 'vip',
      skills: ['de-escalation', 'vip', 'billing'],
      slaSeconds: 120,
      alertSupervisor: true,
      customerMessage: 'Sorry {{customerFirstName}}',
    });
    expect(outcome.decisions.map((decision) => decision.ruleId)).toEqual(['upset', 'vip', 'billing']);
    expect(outcome.decisions[1]!.reason).toBe('customer tier is vip');
  });

  it('all-match: a lower priority set later does not lower an earlier one, and stop ends evaluation', () => {
    const stopping = [{ ...rules[0], stop: true }, rules[1], rules[2]];
    const outcome = evaluateRules(rulesFrom({ version: 1, defaults, rules: stopping }), request, MONDAY_MORNING);
    expect(outcome.decisions.map((decision) => decision.ruleId)).toEqual(['upset']);
    const lowThenHigh = evaluateRules(rulesFrom({ version: 1, defaults, rules: [rules[2], rules[1]] }), request, MONDAY_MORNING);
    expect(lowThenHigh.priority).toBe('P1');
    expect(lowThenHigh.queue).toBe('billing');
  });

  it('all-match: a rule priority below the default still applies (defaults only fill gaps)', () => {
    const outcome = evaluateRules(
      rulesFrom({ version: 1, defaults, rules: [{ id: 'low', when: {}, then: { priority: 'P4' } }] }),
      requestWith(),
      MONDAY_MORNING,
    );
    expect(outcome.priority).toBe('P4');
  });

  it('records the defaults decision when no rule matched, and skips disabled rules', () => {
    const outcome = evaluateRules(
      rulesFrom({ version: 1, defaults, rules: [{ ...rules[1], enabled: false }] }),
      request,
      MONDAY_MORNING,
    );
    expect(outcome).toEqual({ ...defaults, decisions: [{ ruleId: 'defaults', reason: 'no rule matched; the file defaults apply' }] });
  });

  it('first-match: an explicit alertSupervisor false overrides a true default', () => {
    const outcome = evaluateRules(
      rulesFrom({ version: 1, strategy: 'first-match', defaults: { alertSupervisor: true }, rules: [{ id: 'calm', when: {}, then: { alertSupervisor: false } }] }),
      requestWith(),
      MONDAY_MORNING,
    );
    expect(outcome.alertSupervisor).toBe(false);
  });

  it('explains keywords and any-blocks in words', () => {
    const outcome = evaluateRules(
      rulesFrom({
        version: 1,
        rules: [
          { id: 'legal', when: { keywords: ['lawyer', 'chargeback', 'press'] }, then: {} },
          { id: 'valuable', when: { any: [{ tier: 'vip' }, { lifetimeValue: { gte: 1000 } }] }, then: {} },
        ],
      }),
      requestWith({ customerTexts: ['My LAWYER says', 'a chargeback is next'], lifetimeValue: 2500 }),
      MONDAY_MORNING,
    );
    expect(outcome.decisions).toEqual([
      { ruleId: 'legal', reason: 'customer wrote "lawyer", "chargeback"' },
      { ruleId: 'valuable', reason: 'lifetime value 2500 (≥ 1000)' },
    ]);
  });

  it('is pure: the same input gives the same outcome and the request is not changed', () => {
    const ruleSet = rulesFrom({ version: 1, rules });
    const before = structuredClone(request);
    const first = evaluateRules(ruleSet, request, MONDAY_MORNING);
    const second = evaluateRules(ruleSet, request, MONDAY_MORNING);
    expect(second).toEqual(first);
    expect(request).toEqual(before);
    first.skills.push('mutated');
    expect(evaluateRules(ruleSet, request, MONDAY_MORNING).skills).not.toContain('mutated');
  });
});
