// Applies a rule set to one handoff request. Pure: the time is passed in, nothing is read or written.
//
// first-match: the first enabled rule whose conditions hold decides; fields it leaves out come from
//   the file's defaults.
// all-match: every enabled rule whose conditions hold contributes, in file order, until one with
//   `stop: true` fires. Merge: the most urgent priority wins; the shortest SLA wins; skills are the
//   union; alertSupervisor if any rule that sets it says true; queue and customerMessage from the first rule that sets
//   them. Fields no fired rule sets come from the defaults.
// Either way the outcome lists every rule that fired with its reason; when none fired it lists the
// `defaults` decision, so a handoff always says why it got its priority.
import { PRIORITIES, type Priority, type RuleDecision } from '../../shared/domain';
import type { ParsedHandoffRequest } from '../../shared/ingest';
import { EvaluationContext } from './evaluation-context';
import type { CompiledRule, RuleSet } from './rule-set';
import { DEFAULTS_DECISION_ID } from './rules-file';

export interface RuleOutcome {
  priority: Priority;
  queue: string;
  skills: string[];
  slaSeconds: number;
  alertSupervisor: boolean;
  /** A template: fill it with renderCustomerMessage + customerMessageValues. */
  customerMessage: string;
  decisions: RuleDecision[];
}

const MAX_REASON_LENGTH = 1_000;

function reasonFor(rule: CompiledRule, ctx: EvaluationContext): string {
  const because = rule.condition.explain(ctx);
  const reason = rule.spec.description ? `${rule.spec.description}: ${because}` : because;
  return reason.length > MAX_REASON_LENGTH ? reason.slice(0, MAX_REASON_LENGTH - 1) + '…' : reason;
}

function moreUrgent(a: Priority, b: Priority): Priority {
  return PRIORITIES.indexOf(a) <= PRIORITIES.indexOf(b) ? a : b;
}

export function evaluateRules(ruleSet: RuleSet, request: ParsedHandoffRequest, now: Date): RuleOutcome {
  const ctx = new EvaluationContext(request, now, ruleSet.calendar, ruleSet.spec.trendWindow);
  const defaults = ruleSet.spec.defaults;
  const decisions: RuleDecision[] = [];
  let priority: Priority | undefined;
  let queue: string | undefined;
  let skills: string[] | undefined;
  let slaSeconds: number | undefined;
  let alertSupervisor: boolean | undefined;
  let customerMessage: string | undefined;

  for (const rule of ruleSet.rules) {
    if (!rule.condition.test(ctx)) continue;
    decisions.push({ ruleId: rule.spec.id, reason: reasonFor(rule, ctx) });
    const then = rule.spec.then;
    if (then.priority) priority = priority ? moreUrgent(priority, then.priority) : then.priority;
    if (then.queue && queue === undefined) queue = then.queue;
    if (then.skills) {
      skills ??= [];
      for (const skill of then.skills) if (!skills.includes(skill)) skills.push(skill);
    }
    if (then.slaSeconds !== undefined) slaSeconds = Math.min(slaSeconds ?? Infinity, then.slaSeconds);
    if (then.alertSupervisor !== undefined) alertSupervisor = (alertSupervisor ?? false) || then.alertSupervisor;
    if (then.customerMessage && customerMessage === undefined) customerMessage = then.customerMessage;
    if (ruleSet.strategy === 'first-match' || rule.spec.stop) break;
  }

  if (decisions.length === 0) {
    decisions.push({ ruleId: DEFAULTS_DECISION_ID, reason: 'no rule matched; the file defaults apply' });
  }
  return {
    priority: priority ?? defaults.priority,
    queue: queue ?? defaults.queue,
    skills: skills ?? [...defaults.skills],
    slaSeconds: slaSeconds ?? defaults.slaSeconds,
    alertSupervisor: alertSupervisor ?? defaults.alertSupervisor,
    customerMessage: customerMessage ?? defaults.customerMessage,
    decisions,
  };
}
