// Reads a rules file (YAML or JSON), validates it and compiles it. Never throws: every problem comes
// back as a line naming the rule (by id and position) and the field, so the person editing the file
// can fix it without reading code, and a hot reload can keep the last good rules in force.
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { createBusinessCalendar, type BusinessCalendar } from './business-hours';
import { compileCondition } from './compiled-condition';
import { unknownPlaceholders } from './customer-message';
import type { RuleSet } from './rule-set';
import { DEFAULTS_DECISION_ID, RulesFile, type ConditionSpec, type RulesFileSpec } from './rules-file';

export type RulesFormat = 'yaml' | 'json';
export type ParseRulesResult = { ok: true; rules: RuleSet } | { ok: false; errors: string[] };

const MAX_ERRORS = 20;

export function parseRules(text: string, format: RulesFormat): ParseRulesResult {
  const raw = readDocument(text, format);
  if (!raw.ok) return raw;
  const parsed = RulesFile.safeParse(raw.value);
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error.issues, raw.value) };
  return compile(parsed.data);
}

/** Picks the format from a file name: .json is JSON, anything else YAML. */
export function rulesFormatOf(path: string): RulesFormat {
  return path.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

function readDocument(text: string, format: RulesFormat): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  if (text.trim() === '') return { ok: false, errors: ['the rules file is empty'] };
  if (format === 'json') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
    }
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.slice(0, MAX_ERRORS).map((error) => {
        const at = error.linePos?.[0];
        const firstLine = error.message.split('\n')[0];
        return at ? `not valid YAML at line ${at.line}, column ${at.col}: ${firstLine}` : `not valid YAML: ${firstLine}`;
      }),
    };
  }
  return { ok: true, value: document.toJS() };
}

/** "rule "vip-upset" (rules[3])" when the path is inside a rule, so errors name the rule. */
function ruleLabel(raw: unknown, index: number): string {
  const rules = (raw as { rules?: unknown } | null)?.rules;
  const rule = Array.isArray(rules) ? (rules[index] as { id?: unknown } | undefined) : undefined;
  const id = rule && typeof rule.id === 'string' ? rule.id : undefined;
  return id ? `rule "${id}" (rules[${index}])` : `rules[${index}]`;
}

function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): string[] {
  return issues.slice(0, MAX_ERRORS).map((issue) => {
    const path = issue.path.map(String);
    if (path[0] === 'rules' && path.length >= 2 && /^\d+$/.test(path[1]!)) {
      const field = path.slice(2).join('.') || '(the rule)';
      return `${ruleLabel(raw, Number(path[1]))} ${field}: ${issue.message}`;
    }
    return `${path.join('.') || '(file)'}: ${issue.message}`;
  });
}

function usesBusinessHours(condition: ConditionSpec): boolean {
  if (condition.businessHours !== undefined) return true;
  return [...(condition.any ?? []), ...(condition.all ?? []), ...(condition.not ? [condition.not] : [])].some(usesBusinessHours);
}

function compile(spec: RulesFileSpec): ParseRulesResult {
  const errors: string[] = [];
  let calendar: BusinessCalendar | undefined;
  if (spec.businessHours) {
    const hours = spec.businessHours;
    if (hours.end <= hours.start) errors.push(`businessHours.end: ${hours.end} must be later than start ${hours.start}`);
    try {
      calendar = createBusinessCalendar(hours);
    } catch {
      errors.push(`businessHours.timezone: "${hours.timezone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York)`);
    }
  }
  for (const name of unknownPlaceholders(spec.defaults.customerMessage)) {
    errors.push(`defaults.customerMessage: unknown placeholder {{${name}}} (see docs/rules.md for the list)`);
  }
  const seen = new Map<string, number>();
  spec.rules.forEach((rule, index) => {
    const label = `rule "${rule.id}" (rules[${index}])`;
    const first = seen.get(rule.id);
    if (first !== undefined) errors.push(`${label} id: duplicate of rules[${first}]; rule ids must be unique`);
    else seen.set(rule.id, index);
    if (rule.id === DEFAULTS_DECISION_ID) errors.push(`${label} id: "${DEFAULTS_DECISION_ID}" is reserved for the no-rule-matched decision`);
    for (const name of unknownPlaceholders(rule.then.customerMessage ?? '')) {
      errors.push(`${label} then.customerMessage: unknown placeholder {{${name}}} (see docs/rules.md for the list)`);
    }
    if (!spec.businessHours && usesBusinessHours(rule.when)) {
      errors.push(`${label} when.businessHours: the file has no businessHours section to compare with`);
    }
  });
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };

  const rules = spec.rules.filter((rule) => rule.enabled).map((rule) => ({ spec: rule, condition: compileCondition(rule.when) }));
  return { ok: true, rules: { spec, strategy: spec.strategy, rules, calendar } };
}
