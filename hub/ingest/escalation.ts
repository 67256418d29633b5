// The ingest path asks two things of the escalation rules: given this request, what priority,
// queue, skills, SLA and customer message (a template)? And, once routing has produced an expected
// wait, what exactly should the customer be told? This is the seam to hub/rules/.
import type { RuleDecision } from '../../shared/domain';
import type { ParsedHandoffRequest } from '../../shared/ingest';

export interface EscalationOutcome {
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  queue: string;
  skills: string[];
  slaSeconds: number;
  alertSupervisor: boolean;
  /** A template with {{placeholders}} (see hub/rules/customer-message.ts). */
  customerMessage: string;
  decisions: RuleDecision[];
}

export interface Escalation {
  evaluate(request: ParsedHandoffRequest, now: Date): EscalationOutcome;
  customerMessage(request: ParsedHandoffRequest, outcome: EscalationOutcome, expectedWaitSeconds: number | null): string;
  dispose(): void;
}
