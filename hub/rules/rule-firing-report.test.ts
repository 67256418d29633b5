import { describe, expect, it } from 'vitest';
import { HandoffRequest } from '../../shared/ingest';
import { generateHandoff } from '../simulator/generate-handoff';
import { createRng } from '../simulator/random';
import { DEFAULT_RULES } from './default-rules';
import { parseRules } from './parse-rules';
import { requestWith } from './request-fixture';
import { formatRuleFiringReport, ruleFiringReport } from './rule-firing-report';

describe('rule firing report', () => {
  it('counts fired rules (dead ones included), priorities, queues and alerts', () => {
    const parsed = parseRules(
      'version: 1\nrules:\n  - id: vip\n    when: { tier: vip }\n    then: { priority: P1, queue: vip, alertSupervisor: true }\n  - id: never\n    when: { channel: sms }\n    then: {}\n',
      'yaml',
    );
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const report = ruleFiringReport(parsed.rules, [requestWith({ tier: 'vip' }), requestWith(), requestWith()], new Date('2026-01-05T10:00:00Z'));
    expect(report).toEqual({
      handoffs: 3,
      fired: [
        { ruleId: 'vip', count: 1 },
        { ruleId: 'never', count: 0 },
        { ruleId: 'defaults', count: 2 },
      ],
      priorities: { P1: 1, P3: 2 },
      queues: { vip: 1, general: 2 },
      supervisorAlerts: 1,
    });
    expect(formatRuleFiringReport(report)).toContain('priorities: P3 66.7%, P1 33.3%');
  });

  it('shows every default rule firing on simulated weekday traffic', () => {
    const rng = createRng(1);
    const requests = Array.from({ length: 400 }, (_, i) => HandoffRequest.parse(generateHandoff(rng, i)));
    const report = ruleFiringReport(DEFAULT_RULES, requests, new Date('2026-01-05T10:00:00Z'));
    const silent = report.fired.filter((row) => row.count === 0).map((row) => row.ruleId);
    // A weekday morning: after-hours is silent; nothing falls through to the defaults (catch-all).
    expect(silent).toEqual(['after-hours', 'defaults']);
    expect(report.fired.find((row) => row.ruleId === 'catch-all')!.count).toBe(400);
  });
});
