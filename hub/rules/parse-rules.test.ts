import { describe, expect, it } from 'vitest';
import { parseRules, rulesFormatOf } from './parse-rules';

function errorsOf(text: string, format: 'yaml' | 'json' = 'yaml'): string[] {
  const result = parseRules(text, format);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.errors;
}

const ruleYaml = (body: string) => `version: 1\nrules:\n  - id: first-ok\n    then: { priority: P2 }\n  - id: broken\n${body}`;

describe('parseRules accepts', () => {
  it('YAML with shorthand single values, and fills defaults', () => {
    const result = parseRules(
      `version: 1
rules:
  - id: vip
    when:
      tier: vip
      trigger: [vip_customer, negative_sentiment]
    then:
      priority: P1
      skills: vip
`,
      'yaml',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rules.strategy).toBe('all-match');
    expect(result.rules.spec.rules[0]!.when).toEqual({ tier: ['vip'], trigger: ['vip_customer', 'negative_sentiment'] });
    expect(result.rules.spec.rules[0]!.then.skills).toEqual(['vip']);
    expect(result.rules.spec.defaults).toMatchObject({ priority: 'P3', queue: 'general', slaSeconds: 600, alertSupervisor: false });
    expect(result.rules.calendar).toBeUndefined();
  });

  it('JSON, and leaves disabled rules out of evaluation but in the spec', () => {
    const result = parseRules(
      JSON.stringify({ version: 1, strategy: 'first-match', rules: [{ id: 'a', enabled: false, then: {} }, { id: 'b', then: {} }] }),
      'json',
    );
    expect(result.ok && result.rules.rules.map((rule) => rule.spec.id)).toEqual(['b']);
    expect(result.ok && result.rules.spec.rules).toHaveLength(2);
  });

  it('picks the format from the file name', () => {
    expect(rulesFormatOf('/etc/baton/rules.JSON')).toBe('json');
    expect(rulesFormatOf('rules.yml')).toBe('yaml');
    expect(rulesFormatOf('rules.yaml')).toBe('yaml');
  });
});

describe('parseRules rejects, naming the rule and the field', () => {
  const cases: [string, string, RegExp][] = [
    ['an unknown trigger', ruleYaml('    when: { trigger: angry_customer }\n    then: {}\n'), /rule "broken" \(rules\[1\]\) when\.trigger\.0: Invalid option/],
    ['a misspelt condition', ruleYaml('    when: { sentimentscore: { lte: -0.5 } }\n    then: {}\n'), /rule "broken" \(rules\[1\]\) when: Unrecognized key: "sentimentscore"/],
    ['a misspelt action', ruleYaml('    then: { prority: P1 }\n'), /rule "broken" \(rules\[1\]\) then: Unrecognized key: "prority"/],
    ['a bad priority', ruleYaml('    then: { priority: P0 }\n'), /rule "broken" \(rules\[1\]\) then\.priority: Invalid option: expected one of "P1"\|"P2"\|"P3"\|"P4"/],
    ['a range with no bound', ruleYaml('    when: { failedAttempts: {} }\n    then: {}\n'), /rule "broken" \(rules\[1\]\) when\.failedAttempts: give at least one of gt, gte, lt, lte, eq/],
    ['a range with a string', ruleYaml('    when: { lifetimeValue: { gte: lots } }\n    then: {}\n'), /rule "broken" \(rules\[1\]\) when\.lifetimeValue\.gte: Invalid input: expected number/],
    ['a bad trend', ruleYaml('    when: { sentimentTrend: down }\n    then: {}\n'), /rule "broken" \(rules\[1\]\) when\.sentimentTrend: use falling, rising, steady/],
    ['a nested bad condition', ruleYaml('    when: { any: [ { channel: fax } ] }\n    then: {}\n'), /rule "broken" \(rules\[1\]\) when\.any\.0\.channel\.0: Invalid option/],
    ['a negative SLA', ruleYaml('    then: { slaSeconds: -5 }\n'), /rule "broken" \(rules\[1\]\) then\.slaSeconds: Too small/],
    ['a missing then', ruleYaml('    when: {}\n'), /rule "broken" \(rules\[1\]\) then: Invalid input/],
    ['a bad id', 'version: 1\nrules:\n  - id: "has space"\n    then: {}\n', /rule "has space" \(rules\[0\]\) id: use 1-100 letters/],
    ['a rule without an id', 'version: 1\nrules:\n  - then: {}\n', /^rules\[0\] id: Invalid input: expected string/],
    ['a duplicate id', ruleYaml('    then: {}\n  - id: broken\n    then: {}\n'), /rule "broken" \(rules\[2\]\) id: duplicate of rules\[1\]/],
    ['the reserved id', 'version: 1\nrules:\n  - id: defaults\n    then: {}\n', /rule "defaults" \(rules\[0\]\) id: "defaults" is reserved/],
    ['an unknown placeholder', ruleYaml('    then: { customerMessage: "Wait {{waitMinutes}} min" }\n'), /rule "broken" \(rules\[1\]\) then\.customerMessage: unknown placeholder \{\{waitMinutes\}\}/],
    ['business hours without a calendar', ruleYaml('    when: { not: { businessHours: true } }\n    then: {}\n'), /rule "broken" \(rules\[1\]\) when\.businessHours: the file has no businessHours section/],
    ['an unknown time zone', 'version: 1\nbusinessHours: { timezone: Mars/Olympus, days: mon, start: "09:00", end: "17:00" }\nrules: []\n', /businessHours\.timezone: "Mars\/Olympus" is not an IANA time zone/],
    ['hours that end before they start', 'version: 1\nbusinessHours: { timezone: UTC, days: mon, start: "17:00", end: "09:00" }\nrules: []\n', /businessHours\.end: 09:00 must be later than start 17:00/],
    ['a bad clock time', 'version: 1\nbusinessHours: { timezone: UTC, days: mon, start: "9am", end: "17:00" }\nrules: []\n', /businessHours\.start: use HH:MM/],
    ['a bad weekday', 'version: 1\nbusinessHours: { timezone: UTC, days: [monday], start: "09:00", end: "17:00" }\nrules: []\n', /businessHours\.days\.0: Invalid option/],
    ['a bad strategy', 'version: 1\nstrategy: best-match\nrules: []\n', /^strategy: Invalid option: expected one of "first-match"\|"all-match"/],
    ['a wrong version', 'version: 2\nrules: []\n', /^version: Invalid input: expected 1/],
    ['no rules list', 'version: 1\n', /^rules: Invalid input: expected array/],
    ['a default placeholder typo', 'version: 1\ndefaults: { customerMessage: "Hi {{name}}" }\nrules: []\n', /^defaults\.customerMessage: unknown placeholder \{\{name\}\}/],
    ['YAML syntax errors with the line', 'version: 1\nrules: [\n', /^not valid YAML at line \d+, column \d+/],
    ['duplicate YAML keys', 'version: 1\nversion: 1\nrules: []\n', /^not valid YAML at line 2/],
    ['an empty file', '   \n', /^the rules file is empty$/],
    ['a list instead of a document', '- id: a\n', /^\(file\): Invalid input: expected object/],
  ];
  for (const [name, text, pattern] of cases) {
    it(name, () => {
      const errors = errorsOf(text);
      expect(errors.some((error) => pattern.test(error)), `errors were:\n${errors.join('\n')}`).toBe(true);
    });
  }

  it('rejects malformed JSON with the parser message', () => {
    expect(errorsOf('{"version": 1,', 'json')[0]).toMatch(/^not valid JSON: /);
  });

  it('reports several problems at once, capped at 20', () => {
    const rules = Array.from({ length: 30 }, (_, i) => `  - id: r${i}\n    then: { priority: P9 }\n`).join('');
    const errors = errorsOf(`version: 1\nrules:\n${rules}`);
    expect(errors).toHaveLength(20);
    expect(errors[0]).toMatch(/^rule "r0" \(rules\[0\]\) then\.priority/);
  });

  it('never throws on hostile input', () => {
    for (const text of ['null', '42', '"rules"', '[]', '{}', '!!binary AAAA', '&a [*a]', 'version: 1\nrules: [{ id: x, when: { not: { not: { not: {} } } }, then: {} }]']) {
      expect(() => parseRules(text, 'yaml')).not.toThrow();
      expect(() => parseRules(text, 'json')).not.toThrow();
    }
  });
});
