// A rules file after validation and compilation: what evaluateRules runs. Built only by parseRules,
// so holding a RuleSet means holding rules that passed every check.
import type { BusinessCalendar } from './business-hours';
import type { CompiledCondition } from './compiled-condition';
import type { RuleSpec, RuleStrategy, RulesFileSpec } from './rules-file';

export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly condition: CompiledCondition;
}

export interface RuleSet {
  /** The validated file, with defaults filled in: what a supervisor view shows. */
  readonly spec: RulesFileSpec;
  readonly strategy: RuleStrategy;
  /** Enabled rules only, in file order. */
  readonly rules: readonly CompiledRule[];
  readonly calendar: BusinessCalendar | undefined;
}
