// The schema of an escalation rules file (YAML or JSON). Every object is strict, so a misspelt key
// (`sentimentscore`, `prority`) is an error naming the field instead of a condition silently ignored.
// The format is documented for people in docs/rules.md; keep the two in step.
import { z } from 'zod';
import { CHANNELS, PRIORITIES, SENTIMENT_LABELS, TIERS, TRIGGERS } from '../../shared/domain';

export const RULE_STRATEGIES = ['first-match', 'all-match'] as const;
export type RuleStrategy = (typeof RULE_STRATEGIES)[number];

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const TREND_WORDS = ['falling', 'rising', 'steady'] as const;
export type TrendWord = (typeof TREND_WORDS)[number];

/** A rule id the engine uses for the decision it records when no rule matched. */
export const DEFAULTS_DECISION_ID = 'defaults';

/** Accepts `key: value` as shorthand for `key: [value]`. */
function oneOrMany<T extends z.ZodType>(item: T, min = 1) {
  // preprocess rather than a union, so a bad value is reported at its own index, not as "Invalid input".
  return z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(item).min(min).max(200));
}

export const NumberRange = z
  .strictObject({
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    eq: z.number().optional(),
  })
  .refine((range) => Object.values(range).some((bound) => bound !== undefined), {
    message: 'give at least one of gt, gte, lt, lte, eq',
  });
export type NumberRange = z.infer<typeof NumberRange>;

const Text = z.string().trim().min(1).max(200);

export interface ConditionSpec {
  trigger?: (typeof TRIGGERS)[number][];
  tier?: (typeof TIERS)[number][];
  plan?: string[];
  lifetimeValue?: NumberRange;
  sentimentScore?: NumberRange;
  sentimentLabel?: (typeof SENTIMENT_LABELS)[number][];
  sentimentTrend?: TrendWord | NumberRange;
  failedAttempts?: NumberRange;
  botConfidence?: NumberRange;
  intent?: string[];
  language?: string[];
  keywords?: string[];
  channel?: (typeof CHANNELS)[number][];
  businessHours?: boolean;
  any?: ConditionSpec[];
  all?: ConditionSpec[];
  not?: ConditionSpec;
}

export const Condition: z.ZodType<ConditionSpec> = z.lazy(() =>
  z.strictObject({
    trigger: oneOrMany(z.enum(TRIGGERS)).optional(),
    tier: oneOrMany(z.enum(TIERS)).optional(),
    plan: oneOrMany(Text).optional(),
    lifetimeValue: NumberRange.optional(),
    sentimentScore: NumberRange.optional(),
    sentimentLabel: oneOrMany(z.enum(SENTIMENT_LABELS)).optional(),
    sentimentTrend: z
      .union([z.enum(TREND_WORDS), NumberRange], { error: 'use falling, rising, steady or a range such as { lte: -0.3 }' })
      .optional(),
    failedAttempts: NumberRange.optional(),
    botConfidence: NumberRange.optional(),
    /** Exact intent names, or a prefix ending in `*` (`billing.*`). */
    intent: oneOrMany(Text).optional(),
    /** Language tags; `de` also matches `de-AT`. */
    language: oneOrMany(z.string().trim().min(2).max(35)).optional(),
    /** Words or phrases looked for in the customer's messages, case-insensitively, as whole words. */
    keywords: oneOrMany(Text).optional(),
    channel: oneOrMany(z.enum(CHANNELS)).optional(),
    /** true: only inside the file's business hours; false: only outside them. */
    businessHours: z.boolean().optional(),
    any: z.array(Condition).min(1).max(50).optional(),
    all: z.array(Condition).min(1).max(50).optional(),
    not: Condition.optional(),
  }),
);

const Template = z.string().trim().min(1).max(1_000);

export const Actions = z.strictObject({
  priority: z.enum(PRIORITIES).optional(),
  queue: z.string().trim().min(1).max(100).optional(),
  skills: oneOrMany(z.string().trim().min(1).max(100), 0).optional(),
  /** Seconds an agent has to accept before the handoff breaches its SLA. */
  slaSeconds: z.number().int().min(1).max(7 * 24 * 3600).optional(),
  alertSupervisor: z.boolean().optional(),
  customerMessage: Template.optional(),
});
export type ActionsSpec = z.infer<typeof Actions>;

export const Rule = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'use 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  description: z.string().trim().max(500).optional(),
  enabled: z.boolean().default(true),
  /** All listed conditions must hold; an empty or missing `when` matches every handoff. */
  when: Condition.default({}),
  then: Actions,
  /** all-match only: no rule after this one is evaluated once this one fires. */
  stop: z.boolean().default(false),
});
export type RuleSpec = z.infer<typeof Rule>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use HH:MM (00:00-24:00)');

export const BusinessHours = z.strictObject({
  /** IANA time zone, e.g. Europe/Berlin. */
  timezone: z.string().min(1).max(100),
  days: oneOrMany(z.enum(WEEKDAYS)),
  start: ClockTime,
  end: ClockTime,
  /** Local dates (YYYY-MM-DD) on which the team is closed all day. */
  holidays: z.array(z.iso.date()).max(366).default([]),
});
export type BusinessHoursSpec = z.infer<typeof BusinessHours>;

export const Defaults = z.strictObject({
  priority: z.enum(PRIORITIES).default('P3'),
  queue: z.string().trim().min(1).max(100).default('general'),
  skills: oneOrMany(z.string().trim().min(1).max(100), 0).default([]),
  slaSeconds: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(600),
  alertSupervisor: z.boolean().default(false),
  customerMessage: Template.default(
    'Thanks for your patience, {{customerFirstName}}. A member of our support team is joining this conversation and can see everything so far, so you will not need to repeat yourself. Expected wait: {{expectedWait}}.',
  ),
});
export type DefaultsSpec = z.infer<typeof Defaults>;

export const RulesFile = z.strictObject({
  version: z.literal(1),
  strategy: z.enum(RULE_STRATEGIES).default('all-match'),
  defaults: Defaults.default(() => Defaults.parse({})),
  businessHours: BusinessHours.optional(),
  /** How many of the newest scored customer messages the sentiment trend looks at. */
  trendWindow: z.number().int().min(2).max(20).default(3),
  rules: z.array(Rule).max(1_000),
});
export type RulesFileSpec = z.infer<typeof RulesFile>;
