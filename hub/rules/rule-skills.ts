// Every skill a rule set can ask for: demo agents and test agents are given all of them so that
// any handoff can reach them, whatever rule fires.
import type { RuleSet } from './rule-set';

export function skillsUsedBy(ruleSet: RuleSet): string[] {
  const skills = new Set<string>(ruleSet.spec.defaults.skills);
  for (const rule of ruleSet.rules) for (const skill of rule.spec.then.skills ?? []) skills.add(skill);
  return [...skills].sort();
}
