// `npx tsx hub/rules/check-rules-cli.ts FILE [--count N] [--seed K] [--at ISO-TIME]`: validates a
// rules file the way the hub would (errors name the rule and field; exit 1), then shows how it
// treats simulated handoffs: how often each rule fires, priorities, queues, supervisor alerts.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HandoffRequest } from '../../shared/ingest';
import { generateHandoff } from '../simulator/generate-handoff';
import { createRng } from '../simulator/random';
import { parseRules, rulesFormatOf } from './parse-rules';
import { formatRuleFiringReport, ruleFiringReport } from './rule-firing-report';

const USAGE = 'usage: npx tsx hub/rules/check-rules-cli.ts FILE [--count 500] [--seed 1] [--at 2026-01-05T10:00:00Z]';

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { count: { type: 'string' }, seed: { type: 'string' }, at: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [path] = parsed.positionals;
  const count = Number(parsed.values.count ?? 500);
  const seed = Number(parsed.values.seed ?? 1);
  const now = new Date(parsed.values.at ?? Date.now());
  if (!path || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || Number.isNaN(now.getTime())) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    console.error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return 1;
  }
  const result = parseRules(text, rulesFormatOf(path));
  if (!result.ok) {
    console.error(`${path} is not valid:`);
    for (const error of result.errors) console.error(`  ${error}`);
    return 1;
  }
  console.log(`${path}: ${result.rules.rules.length} enabled rules, ${result.rules.strategy}, evaluated at ${now.toISOString()}`);
  const rng = createRng(seed);
  const requests = Array.from({ length: count }, (_, i) => HandoffRequest.parse(generateHandoff(rng, i, { now: now.getTime() })));
  console.log(formatRuleFiringReport(ruleFiringReport(result.rules, requests, now)));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
