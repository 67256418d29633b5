// How a rule set treats a sample of handoffs: how often each rule fires and how priorities and
// queues come out. Lets a lead see what an edited rules file will do before the hub loads it.
import type { ParsedHandoffRequest } from '../../shared/ingest';
import { evaluateRules } from './evaluate-rules';
import type { RuleSet } from './rule-set';
import { DEFAULTS_DECISION_ID } from './rules-file';

export interface RuleFiringReport {
  handoffs: number;
  /** Every enabled rule in file order (zero counts included, so dead rules stand out), then `defaults`. */
  fired: { ruleId: string; count: number }[];
  priorities: Record<string, number>;
  queues: Record<string, number>;
  supervisorAlerts: number;
}

export function ruleFiringReport(ruleSet: RuleSet, requests: readonly ParsedHandoffRequest[], now: Date): RuleFiringReport {
  const fired = new Map<string, number>(ruleSet.rules.map((rule) => [rule.spec.id, 0]));
  const priorities: Record<string, number> = {};
  const queues: Record<string, number> = {};
  let supervisorAlerts = 0;
  for (const request of requests) {
    const outcome = evaluateRules(ruleSet, request, now);
    for (const decision of outcome.decisions) fired.set(decision.ruleId, (fired.get(decision.ruleId) ?? 0) + 1);
    priorities[outcome.priority] = (priorities[outcome.priority] ?? 0) + 1;
    queues[outcome.queue] = (queues[outcome.queue] ?? 0) + 1;
    if (outcome.alertSupervisor) supervisorAlerts++;
  }
  if (!fired.has(DEFAULTS_DECISION_ID)) fired.set(DEFAULTS_DECISION_ID, 0);
  return {
    handoffs: requests.length,
    fired: [...fired].map(([ruleId, count]) => ({ ruleId, count })),
    priorities,
    queues,
    supervisorAlerts,
  };
}

export function formatRuleFiringReport(report: RuleFiringReport): string {
  const percent = (count: number) => `${((100 * count) / Math.max(1, report.handoffs)).toFixed(1)}%`;
  const width = Math.max(...report.fired.map((row) => row.ruleId.length), 10);
  const lines = [`${report.handoffs} simulated handoffs`, '', 'rule'.padEnd(width) + '  fired'];
  for (const row of report.fired) lines.push(`${row.ruleId.padEnd(width)}  ${String(row.count).padStart(5)}  ${percent(row.count)}`);
  const share = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key, count]) => `${key} ${percent(count)}`)
      .join(', ');
  lines.push('', `priorities: ${share(report.priorities)}`, `queues: ${share(report.queues)}`, `supervisor alerts: ${percent(report.supervisorAlerts)}`);
  return lines.join('\n');
}
