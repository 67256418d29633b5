import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TRIGGERS } from '../../shared/domain';
import { HandoffRequest } from '../../shared/ingest';
import { createRng } from '../simulator/random';
import { generateHandoff } from '../simulator/generate-handoff';
import { DEFAULT_RULES, DEFAULT_RULES_YAML } from './default-rules';
import { evaluateRules } from './evaluate-rules';
import { parseRules } from './parse-rules';
import { requestWith } from './request-fixture';
import { skillsUsedBy } from './rule-skills';
import { defaultRulesModule } from './write-default-rules';

const WEEKDAY = new Date('2026-01-05T10:00:00Z');

describe('default rules', () => {
  it('default-rules.yaml and the embedded copy are the same (run write-default-rules.ts after editing the YAML)', () => {
    const yaml = readFileSync(fileURLToPath(new URL('./default-rules.yaml', import.meta.url)), 'utf8');
    expect(DEFAULT_RULES_YAML).toBe(yaml);
    const module = readFileSync(fileURLToPath(new URL('./default-rules.ts', import.meta.url)), 'utf8');
    expect(module).toBe(defaultRulesModule(yaml));
  });

  it('ask for exactly the skills the file header lists (agents need them)', () => {
    const header = /# Skills named here[^:]*:\s*([\s\S]*?)\.\n/.exec(DEFAULT_RULES_YAML)![1]!;
    const listed = header.split(/[#,\s]+/).filter(Boolean).sort();
    expect(skillsUsedBy(DEFAULT_RULES)).toEqual(listed);
  });

  it('parse and use all-match with business hours', () => {
    expect(parseRules(DEFAULT_RULES_YAML, 'yaml').ok).toBe(true);
    expect(DEFAULT_RULES.strategy).toBe('all-match');
    expect(DEFAULT_RULES.calendar).toBeDefined();
  });

  it('give every trigger a rule of its own and a priority better than the catch-all', () => {
    for (const trigger of TRIGGERS) {
      const outcome = evaluateRules(DEFAULT_RULES, requestWith({ trigger, sentimentScore: 0 }), WEEKDAY);
      const fired = outcome.decisions.map((decision) => decision.ruleId);
      expect(fired.filter((id) => id !== 'catch-all'), trigger).not.toEqual([]);
      expect(outcome.priority, trigger).not.toBe('P4');
    }
  });

  const cases: { name: string; changes: Parameters<typeof requestWith>[0]; now?: Date; expect: Record<string, unknown>; fired: string[] }[] = [
    {
      name: 'an upset VIP goes to the vip queue at P1 with a supervisor alert',
      changes: { trigger: 'negative_sentiment', tier: 'vip', sentimentScore: -0.8 },
      expect: { priority: 'P1', queue: 'vip', slaSeconds: 60, alertSupervisor: true },
      fired: ['vip-upset', 'vip-customer', 'negative-sentiment', 'catch-all'],
    },
    {
      name: 'a chargeback threat goes to escalations',
      changes: { trigger: 'negative_sentiment', sentimentScore: -0.7, customerTexts: ['I will file a chargeback'] },
      expect: { priority: 'P1', queue: 'escalations', alertSupervisor: true },
      fired: ['legal-or-chargeback-threat', 'negative-sentiment', 'catch-all'],
    },
    {
      name: 'a complex login problem goes to technical',
      changes: { trigger: 'complex_request', intent: 'login.failed' },
      expect: { priority: 'P3', queue: 'technical', skills: ['technical', 'tier2'] },
      fired: ['complex-technical', 'complex-request', 'catch-all'],
    },
    {
      name: 'a German speaker on a billing topic needs both skills',
      changes: { trigger: 'failed_attempts', failedAttempts: 3, intent: 'billing.double_charge', language: 'de-DE' },
      expect: { priority: 'P2', queue: 'billing', skills: ['billing', 'german'], slaSeconds: 240 },
      fired: ['repeated-failed-attempts', 'billing-topic', 'language-german', 'catch-all'],
    },
    {
      name: 'a human request after hours gets the after-hours message',
      changes: { trigger: 'human_requested' },
      now: new Date('2026-01-10T12:00:00Z'),
      expect: { priority: 'P3', queue: 'general', slaSeconds: 300 },
      fired: ['after-hours', 'human-requested', 'catch-all'],
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => {
      const outcome = evaluateRules(DEFAULT_RULES, requestWith(testCase.changes), testCase.now ?? WEEKDAY);
      expect(outcome).toMatchObject(testCase.expect);
      expect(outcome.decisions.map((decision) => decision.ruleId)).toEqual(testCase.fired);
      for (const decision of outcome.decisions) expect(decision.reason.length).toBeGreaterThan(5);
    });
  }

  it('route every simulated handoff with a reason, at a valid priority', () => {
    const rng = createRng(11);
    for (let i = 0; i < 200; i++) {
      const request = HandoffRequest.parse(generateHandoff(rng, i));
      const outcome = evaluateRules(DEFAULT_RULES, request, WEEKDAY);
      expect(outcome.decisions.length).toBeGreaterThan(0);
      expect(outcome.customerMessage).toContain('{{expectedWait}}');
    }
  });
});
