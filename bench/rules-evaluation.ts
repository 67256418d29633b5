// Rules evaluation speed: a 50-rule file (the default rules plus 32 realistic extra rules: plans,
// intents, keyword lists in four languages, value bands, channels, business hours, any/not blocks)
// applied to simulated handoffs. Reports microseconds per evaluation for all-match (every rule is
// tested) and first-match. Run alone: `npx tsx bench/rules-evaluation.ts [iterations]`.
import { DEFAULT_RULES, evaluateRules, parseRules, type RuleSet } from '../hub/rules/index';
import { createRng } from '../hub/simulator/random';
import { generateHandoff } from '../hub/simulator/generate-handoff';
import { HandoffRequest, type ParsedHandoffRequest } from '../shared/ingest';
import { entry, percentile, type BenchSuite } from './bench-entry';

export const BENCH_RULE_COUNT = 50;

function extraRules(count: number): object[] {
  const intents = ['billing.', 'refund.', 'delivery.', 'login.', 'account.', 'order.', 'technical.', 'cancellation.'];
  const keywordSets = [
    ['urgent', 'asap', 'immediately', 'right now'],
    ['broken', 'damaged', 'cracked', 'defective'],
    ['fraud', 'stolen', 'hacked', 'unauthorised'],
    ['dringend', 'sofort', 'kaputt'],
    ['urgente', 'roto', 'ahora mismo'],
    ['urgent', 'cassé', 'tout de suite'],
  ];
  const rules: object[] = [];
  for (let i = 0; rules.length < count; i++) {
    const kind = i % 8;
    const id = `extra-${i}`;
    switch (kind) {
      case 0:
        rules.push({ id, when: { plan: [`Plan ${i}`, `Legacy ${i}`] }, then: { queue: `plan-${i}` } });
        break;
      case 1:
        rules.push({ id, when: { intent: [`${intents[i % intents.length]}special${i}*`], trigger: ['complex_request', 'unknown_query'] }, then: { skills: [`skill-${i}`] } });
        break;
      case 2:
        rules.push({ id, when: { keywords: keywordSets[i % keywordSets.length]!.map((word) => `${word}${i}`) }, then: { priority: 'P2' } });
        break;
      case 3:
        rules.push({ id, when: { lifetimeValue: { gte: 200_000 + i, lt: 500_000 } }, then: { queue: 'key-accounts' } });
        break;
      case 4:
        rules.push({ id, when: { channel: 'social', sentimentScore: { lte: -0.9 }, businessHours: false }, then: { alertSupervisor: true } });
        break;
      case 5:
        rules.push({ id, when: { any: [{ language: `x${i}` }, { tier: 'vip', failedAttempts: { gte: 50 + i } }] }, then: { skills: [`lang-${i}`] } });
        break;
      case 6:
        rules.push({ id, when: { sentimentTrend: { lte: -1.5 }, not: { trigger: 'vip_customer' } }, then: { priority: 'P2' } });
        break;
      default:
        rules.push({ id, when: { botConfidence: { lt: 0.01 }, intent: 'fallback' }, then: { queue: 'triage' } });
    }
  }
  return rules;
}

export function benchRuleSet(strategy: 'all-match' | 'first-match'): RuleSet {
  const spec = DEFAULT_RULES.spec;
  const extra = extraRules(BENCH_RULE_COUNT - spec.rules.length);
  // Extra rules go before the catch-all, so first-match still ends on it.
  const rules = [...spec.rules.slice(0, -1), ...extra, ...spec.rules.slice(-1)];
  const parsed = parseRules(JSON.stringify({ ...spec, strategy, rules }), 'json');
  if (!parsed.ok) throw new Error(`benchmark rules are invalid: ${parsed.errors.join('; ')}`);
  if (parsed.rules.rules.length !== BENCH_RULE_COUNT) throw new Error(`expected ${BENCH_RULE_COUNT} rules, got ${parsed.rules.rules.length}`);
  return parsed.rules;
}

export interface EvaluationFigures {
  meanMicros: number;
  p50Micros: number;
  p99Micros: number;
  /** Rules that fired per handoff, on average (how much explaining each outcome took). */
  firedPerHandoff: number;
}

export interface RulesEvaluationFigures {
  rules: number;
  handoffs: number;
  iterations: number;
  /** Parsing and compiling the 50-rule file once. */
  parseMillis: number;
  allMatch: EvaluationFigures;
  firstMatch: EvaluationFigures;
}

const BATCH = 100;

function measure(ruleSet: RuleSet, requests: readonly ParsedHandoffRequest[], iterations: number, now: Date): EvaluationFigures {
  // Warm up so the JIT has compiled the closures before timing starts.
  for (let i = 0; i < Math.min(iterations, 2_000); i++) evaluateRules(ruleSet, requests[i % requests.length]!, now);
  const batchMicros: number[] = [];
  let fired = 0;
  const started = performance.now();
  for (let done = 0; done < iterations; done += BATCH) {
    const batchStart = performance.now();
    const size = Math.min(BATCH, iterations - done);
    for (let i = 0; i < size; i++) fired += evaluateRules(ruleSet, requests[(done + i) % requests.length]!, now).decisions.length;
    batchMicros.push(((performance.now() - batchStart) * 1000) / size);
  }
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    meanMicros: round(((performance.now() - started) * 1000) / iterations),
    p50Micros: round(percentile(batchMicros, 50)),
    p99Micros: round(percentile(batchMicros, 99)),
    firedPerHandoff: round(fired / iterations),
  };
}

export function measureRulesEvaluation(options: { iterations: number; handoffs?: number }): RulesEvaluationFigures {
  const iterations = Math.max(BATCH, Math.floor(options.iterations));
  const rng = createRng(2026);
  const requests = Array.from({ length: options.handoffs ?? 200 }, (_, i) => HandoffRequest.parse(generateHandoff(rng, i)));
  const parseStart = performance.now();
  const allMatch = benchRuleSet('all-match');
  const parseMillis = Math.round((performance.now() - parseStart) * 1000) / 1000;
  const firstMatch = benchRuleSet('first-match');
  // A weekday evening in London: some handoffs in hours, the after-hours rule and calendar both exercised.
  const now = new Date('2026-01-07T19:30:00Z');
  return {
    rules: allMatch.rules.length,
    handoffs: requests.length,
    iterations,
    parseMillis,
    allMatch: measure(allMatch, requests, iterations, now),
    firstMatch: measure(firstMatch, requests, iterations, now),
  };
}

export const rulesEvaluationSuite: BenchSuite = {
  name: 'rules-evaluation',
  run: async ({ quick }) => {
    const figures = measureRulesEvaluation({ iterations: quick ? 2_000 : 200_000 });
    return [
      entry(`rules: all-match, ${figures.rules} rules, mean`, 'µs/handoff', figures.allMatch.meanMicros),
      entry(`rules: all-match, ${figures.rules} rules, p99 (per 100)`, 'µs/handoff', figures.allMatch.p99Micros),
      entry(`rules: first-match, ${figures.rules} rules, mean`, 'µs/handoff', figures.firstMatch.meanMicros),
      entry(`rules: parse + compile ${figures.rules} rules`, 'ms', figures.parseMillis),
    ];
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const iterations = Number(process.argv[2] ?? 200_000);
  console.log(JSON.stringify(measureRulesEvaluation({ iterations }), null, 2));
}
