// The escalation rules engine: what the rest of the hub imports. Format: docs/rules.md.
export type { RuleOutcome } from './evaluate-rules';
export { evaluateRules } from './evaluate-rules';
export type { RuleSet, CompiledRule } from './rule-set';
export { DEFAULT_RULES, DEFAULT_RULES_YAML } from './default-rules';
export { parseRules, rulesFormatOf, type ParseRulesResult, type RulesFormat } from './parse-rules';
export {
  createRulesProvider,
  type RulesLog,
  type RulesProvider,
  type RulesProviderOptions,
  type RulesReload,
} from './rules-provider';
export {
  CUSTOMER_MESSAGE_PLACEHOLDERS,
  customerMessageValues,
  describeWait,
  renderCustomerMessage,
  type CustomerMessagePlaceholder,
  type CustomerMessageValues,
} from './customer-message';
export { DEFAULTS_DECISION_ID, RULE_STRATEGIES, type RuleStrategy, type RulesFileSpec, type RuleSpec } from './rules-file';
export { skillsUsedBy } from './rule-skills';
