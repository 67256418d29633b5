// Regenerates default-rules.ts from default-rules.yaml: `npx tsx hub/rules/write-default-rules.ts`.
// The YAML is the file people read and copy; the TypeScript copy is what gets bundled.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function defaultRulesModule(yamlText: string): string {
  if (yamlText.includes('`') || yamlText.includes('${') || yamlText.includes('\\')) {
    throw new Error('default-rules.yaml must not contain backticks, "${" or backslashes (it is embedded in a template literal)');
  }
  return `// Generated from default-rules.yaml by write-default-rules.ts; edit the YAML, then run
// \`npx tsx hub/rules/write-default-rules.ts\`. Embedded as text so the defaults load the same under
// tsx, Vitest and an electron-vite bundle (no file to find at run time); a test fails on drift.
import { parseRules } from './parse-rules';
import type { RuleSet } from './rule-set';

export const DEFAULT_RULES_YAML = \`${yamlText}\`;

function loadDefaultRules(): RuleSet {
  const result = parseRules(DEFAULT_RULES_YAML, 'yaml');
  // A broken default file is a programming error that the tests catch; fail loudly at load.
  if (!result.ok) throw new Error(\`the built-in default rules are invalid: \${result.errors.join('; ')}\`);
  return result.rules;
}

export const DEFAULT_RULES: RuleSet = loadDefaultRules();
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const yamlPath = fileURLToPath(new URL('./default-rules.yaml', import.meta.url));
  const tsPath = fileURLToPath(new URL('./default-rules.ts', import.meta.url));
  writeFileSync(tsPath, defaultRulesModule(readFileSync(yamlPath, 'utf8')));
  console.log(`wrote ${tsPath}`);
}
