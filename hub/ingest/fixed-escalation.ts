// The simplest escalation: every handoff to the general queue at P3 with a two-minute SLA. Used by
// tests that want routing without the rules engine's opinions (and as the shape to compare with).
import type { Escalation, EscalationOutcome } from './escalation';

export const FIXED_OUTCOME: EscalationOutcome = {
  priority: 'P3',
  queue: 'general',
  skills: [],
  slaSeconds: 120,
  alertSupervisor: false,
  customerMessage: 'Thanks for your patience — a member of our team is joining this conversation.',
  decisions: [{ ruleId: 'defaults', reason: 'fixed escalation (no rules engine)' }],
};

export function createFixedEscalation(outcome: Partial<EscalationOutcome> = {}): Escalation {
  const fixed = { ...FIXED_OUTCOME, ...outcome };
  return {
    evaluate: () => ({ ...fixed, skills: [...fixed.skills], decisions: [...fixed.decisions] }),
    customerMessage: (_request, outcome) => outcome.customerMessage,
    dispose() {},
  };
}
