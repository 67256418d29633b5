// Turns a rule's `when` block into a predicate once, at load time, so evaluation is a handful of
// closure calls with no parsing, no regex building and no allocation on the path that does not match.
// `explain` runs only for rules that fired: it writes the human-readable reason agents and leads see.
import type { EvaluationContext } from './evaluation-context';
import type { ConditionSpec, NumberRange, TrendWord } from './rules-file';

export interface CompiledCondition {
  test(ctx: EvaluationContext): boolean;
  explain(ctx: EvaluationContext): string;
}

/** Trend words as ranges of (newest - oldest) customer sentiment over the trend window. */
export const TREND_THRESHOLD = 0.2;
const TREND_RANGES: Record<TrendWord, NumberRange> = {
  falling: { lte: -TREND_THRESHOLD },
  rising: { gte: TREND_THRESHOLD },
  steady: { gt: -TREND_THRESHOLD, lt: TREND_THRESHOLD },
};

export function inRange(value: number, range: NumberRange): boolean {
  if (range.eq !== undefined && value !== range.eq) return false;
  if (range.gt !== undefined && !(value > range.gt)) return false;
  if (range.gte !== undefined && !(value >= range.gte)) return false;
  if (range.lt !== undefined && !(value < range.lt)) return false;
  if (range.lte !== undefined && !(value <= range.lte)) return false;
  return true;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

export function describeRange(range: NumberRange): string {
  const parts: string[] = [];
  if (range.eq !== undefined) parts.push(`= ${formatNumber(range.eq)}`);
  if (range.gt !== undefined) parts.push(`> ${formatNumber(range.gt)}`);
  if (range.gte !== undefined) parts.push(`≥ ${formatNumber(range.gte)}`);
  if (range.lt !== undefined) parts.push(`< ${formatNumber(range.lt)}`);
  if (range.lte !== undefined) parts.push(`≤ ${formatNumber(range.lte)}`);
  return parts.join(' and ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word, case-insensitive, Unicode-aware: "refund" matches "Refund!" but not "refunded". */
export function keywordPattern(keywords: readonly string[]): RegExp {
  const alternatives = keywords.map((keyword) => escapeRegExp(keyword.trim()).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}

function rangeCondition(
  label: string,
  range: NumberRange,
  read: (ctx: EvaluationContext) => number | undefined,
): CompiledCondition {
  const bounds = describeRange(range);
  return {
    test: (ctx) => {
      const value = read(ctx);
      return value !== undefined && inRange(value, range);
    },
    explain: (ctx) => `${label} ${formatNumber(read(ctx) ?? NaN)} (${bounds})`,
  };
}

function memberCondition<T extends string>(
  label: string,
  allowed: readonly T[],
  read: (ctx: EvaluationContext) => T | undefined,
  /** Free text (plans) compares case-insensitively; enum values are already canonical. */
  ignoreCase = false,
): CompiledCondition {
  const set = new Set<string>(ignoreCase ? allowed.map((value) => value.toLowerCase()) : allowed);
  const list = allowed.join(', ');
  return {
    test: (ctx) => {
      const value = read(ctx);
      return value !== undefined && set.has(ignoreCase ? value.toLowerCase() : value);
    },
    explain: (ctx) => (allowed.length === 1 ? `${label} is ${read(ctx)}` : `${label} ${read(ctx)} is one of ${list}`),
  };
}

function intentCondition(patterns: readonly string[]): CompiledCondition {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (lower.endsWith('*')) prefixes.push(lower.slice(0, -1));
    else exact.add(lower);
  }
  const matches = (intent: string) => exact.has(intent) || prefixes.some((prefix) => intent.startsWith(prefix));
  return {
    test: (ctx) => ctx.intents().some(matches),
    explain: (ctx) => `intent ${ctx.intents().filter(matches).join(', ')} matches ${patterns.join(', ')}`,
  };
}

function languageCondition(tags: readonly string[]): CompiledCondition {
  const lower = tags.map((tag) => tag.toLowerCase());
  const matches = (language: string) => lower.some((tag) => language === tag || language.startsWith(tag + '-'));
  return {
    test: (ctx) => matches(ctx.language()),
    explain: (ctx) => `language ${ctx.request.conversation.language} matches ${tags.join(', ')}`,
  };
}

function keywordCondition(keywords: readonly string[]): CompiledCondition {
  const pattern = keywordPattern(keywords);
  const globalPattern = new RegExp(pattern.source, 'giu');
  return {
    test: (ctx) => pattern.test(ctx.customerText()),
    explain: (ctx) => {
      const found = new Set<string>();
      for (const match of ctx.customerText().matchAll(globalPattern)) found.add(match[0].toLowerCase());
      return `customer wrote ${[...found].map((word) => `"${word}"`).join(', ')}`;
    },
  };
}

function businessHoursCondition(inside: boolean): CompiledCondition {
  return {
    test: (ctx) => ctx.isBusinessHours() === inside,
    explain: (ctx) => `${inside ? 'inside' : 'outside'} business hours (${ctx.describeLocalTime()})`,
  };
}

function conjunction(parts: CompiledCondition[]): CompiledCondition {
  if (parts.length === 0) return { test: () => true, explain: () => 'matches every handoff (catch-all)' };
  if (parts.length === 1) return parts[0]!;
  return {
    test: (ctx) => {
      for (const part of parts) if (!part.test(ctx)) return false;
      return true;
    },
    explain: (ctx) => parts.map((part) => part.explain(ctx)).join('; '),
  };
}

export function compileCondition(spec: ConditionSpec): CompiledCondition {
  const parts: CompiledCondition[] = [];
  // Cheap checks first: a rule that fails on its trigger never pays for text or time-zone work.
  if (spec.trigger) parts.push(memberCondition('trigger', spec.trigger, (ctx) => ctx.request.trigger));
  if (spec.channel) parts.push(memberCondition('channel', spec.channel, (ctx) => ctx.request.conversation.channel));
  if (spec.tier) parts.push(memberCondition('customer tier', spec.tier, (ctx) => ctx.request.customer.tier));
  if (spec.plan) parts.push(memberCondition('plan', spec.plan, (ctx) => ctx.request.customer.plan, true));
  if (spec.lifetimeValue) {
    parts.push(rangeCondition('lifetime value', spec.lifetimeValue, (ctx) => ctx.request.customer.lifetimeValue));
  }
  if (spec.failedAttempts) {
    parts.push(rangeCondition('failed attempts', spec.failedAttempts, (ctx) => ctx.request.conversation.failedAttempts));
  }
  if (spec.botConfidence) {
    parts.push(rangeCondition('bot confidence', spec.botConfidence, (ctx) => ctx.request.conversation.botConfidence));
  }
  if (spec.sentimentScore) parts.push(rangeCondition('sentiment', spec.sentimentScore, (ctx) => ctx.sentimentScore()));
  if (spec.sentimentLabel) parts.push(memberCondition('sentiment', spec.sentimentLabel, (ctx) => ctx.sentimentLabel()));
  if (spec.sentimentTrend !== undefined) {
    const trend = spec.sentimentTrend;
    const range = typeof trend === 'string' ? TREND_RANGES[trend] : trend;
    const label = typeof trend === 'string' ? `sentiment ${trend}: change` : 'sentiment change';
    parts.push(rangeCondition(label, range, (ctx) => ctx.sentimentTrend()));
  }
  if (spec.language) parts.push(languageCondition(spec.language));
  if (spec.intent) parts.push(intentCondition(spec.intent));
  if (spec.businessHours !== undefined) parts.push(businessHoursCondition(spec.businessHours));
  if (spec.keywords) parts.push(keywordCondition(spec.keywords));
  if (spec.all) parts.push(conjunction(spec.all.map(compileCondition)));
  if (spec.any) {
    const options = spec.any.map(compileCondition);
    parts.push({
      test: (ctx) => options.some((option) => option.test(ctx)),
      explain: (ctx) => {
        const matched = options.filter((option) => option.test(ctx)).map((option) => option.explain(ctx));
        return matched.length === 1 ? matched[0]! : `any of (${matched.join(' | ')})`;
      },
    });
  }
  if (spec.not) {
    const inner = compileCondition(spec.not);
    parts.push({ test: (ctx) => !inner.test(ctx), explain: () => `not (${describeCondition(spec.not!)})` });
  }
  return conjunction(parts);
}

/** A static description of a condition block, for `not` reasons and docs. */
export function describeCondition(spec: ConditionSpec): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(spec)) {
    if (value === undefined) continue;
    if (key === 'any' || key === 'all') {
      const blocks = (value as ConditionSpec[]).map(describeCondition);
      parts.push(`${key} of (${blocks.join(' | ')})`);
    } else if (key === 'not') parts.push(`not (${describeCondition(value as ConditionSpec)})`);
    else if (Array.isArray(value)) parts.push(`${key} in ${value.join(', ')}`);
    else if (typeof value === 'object') parts.push(`${key} ${describeRange(value as NumberRange)}`);
    else parts.push(`${key} ${String(value)}`);
  }
  return parts.length === 0 ? 'anything' : parts.join('; ');
}
