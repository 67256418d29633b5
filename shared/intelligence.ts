// On-device intelligence as the renderer sees it (issue 5): model status, reply suggestions and
// the customer's mood trend. Scoring and ranking happen in the desktop's model worker; nothing here
// leaves the agent's machine.
import { z } from 'zod';
import { Sentiment } from './domain';

export const MODEL_STATES = ['not_loaded', 'loading', 'ready', 'unavailable'] as const;
export const ModelState = z.enum(MODEL_STATES);
export type ModelState = z.infer<typeof ModelState>;

export const ModelStatus = z.object({
  /** The model's folder name, e.g. baton-sentiment-mini. */
  model: z.string().max(200),
  state: ModelState,
  /** When unavailable: why, in words a person can act on. Never replaced by made-up scores. */
  reason: z.string().max(1_000).optional(),
  loadMs: z.number().nonnegative().optional(),
});
export type ModelStatus = z.infer<typeof ModelStatus>;

export const IntelligenceStatus = z.object({
  sentiment: ModelStatus,
  embeddings: ModelStatus,
  worker: z.object({
    running: z.boolean(),
    /** How many times the worker was restarted after a crash or a hang. */
    restarts: z.number().int().min(0),
    lastError: z.string().max(1_000).optional(),
  }),
});
export type IntelligenceStatus = z.infer<typeof IntelligenceStatus>;

export const ReplySuggestion = z.object({
  replyId: z.string().min(1).max(200),
  title: z.string().max(200),
  intent: z.string().max(100),
  /** The reply with placeholders filled from the customer record; unknown values stay as visible blanks. */
  text: z.string().max(20_000),
  /** Placeholders the record could not fill (shown as [[name]] in text). */
  missing: z.array(z.string().max(100)).max(50),
  score: z.number(),
});
export type ReplySuggestion = z.infer<typeof ReplySuggestion>;

export const MoodPoint = z.object({ messageId: z.string().max(200), at: z.string().max(40), sentiment: Sentiment });
export type MoodPoint = z.infer<typeof MoodPoint>;

export const MoodTrend = z.object({
  /** The last N scored customer messages, oldest first. */
  points: z.array(MoodPoint).max(100),
  /** Mean score of the points, in [-1, 1]; null without points. */
  average: z.number().min(-1).max(1).nullable(),
  /** Least-squares slope of the scores per message. */
  slope: z.number(),
  /** True when the mood is getting worse: the alert policy and the supervisor view use it. */
  falling: z.boolean(),
});
export type MoodTrend = z.infer<typeof MoodTrend>;

// ---- the reply library (issue 5): defaults, the team's macros and this agent's good replies

/** The placeholders a reply may use; the desktop fills them from the customer record (reply-placeholders.ts). */
export const REPLY_PLACEHOLDERS = [
  { name: 'customer.firstName', description: "the customer's first name" },
  { name: 'customer.name', description: "the customer's full name" },
  { name: 'customer.email', description: "the customer's email address" },
  { name: 'customer.phone', description: "the customer's phone number" },
  { name: 'customer.plan', description: "the customer's plan" },
  { name: 'customer.tier', description: "the customer's tier (standard, premium, vip)" },
  { name: 'order.id', description: 'the order the conversation is about' },
  { name: 'order.title', description: 'what that order is' },
  { name: 'order.status', description: "that order's status" },
  { name: 'ticket.id', description: 'the ticket the conversation is about' },
  { name: 'agent.firstName', description: 'your first name' },
  { name: 'agent.name', description: 'your full name' },
  { name: 'conversation.intent', description: 'what the bot detected the customer wants' },
  { name: 'data.KEY', description: 'a value the bot collected, e.g. {{data.device}}' },
] as const;

const PLACEHOLDER_NAME = /^[a-zA-Z][\w]*(?:\.[\w]+)*$/;

export function isKnownPlaceholder(name: string): boolean {
  if (/^data\.\w[\w.]*$/.test(name)) return true;
  return REPLY_PLACEHOLDERS.some((p) => p.name === name && !p.name.startsWith('data.'));
}

/**
 * What is wrong with a reply's placeholders, one sentence each: "{{" never closed, a stray "}}",
 * a malformed name, or a name the desktop cannot fill (which would always show as a blank).
 */
export function replyTemplateIssues(text: string): string[] {
  const issues: string[] = [];
  const tokens = /\{\{|\}\}/g;
  let open = -1;
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    if (m[0] === '{{') {
      if (open !== -1) issues.push(`bad placeholder syntax at character ${open + 1}: "{{" is not closed by "}}"`);
      open = m.index;
      continue;
    }
    if (open === -1) {
      issues.push(`bad placeholder syntax at character ${m.index + 1}: "}}" without an opening "{{"`);
      continue;
    }
    const name = text.slice(open + 2, m.index).trim();
    if (!PLACEHOLDER_NAME.test(name)) issues.push(`bad placeholder syntax: {{${name}}} is not a name like {{customer.firstName}}`);
    else if (!isKnownPlaceholder(name)) issues.push(`unknown placeholder {{${name}}}; known ones: ${REPLY_PLACEHOLDERS.map((p) => `{{${p.name}}}`).join(', ')}`);
    open = -1;
  }
  if (open !== -1) issues.push(`bad placeholder syntax at character ${open + 1}: "{{" is not closed by "}}"`);
  return issues;
}

export const REPLY_ORIGINS = ['default', 'team', 'agent'] as const;
export const ReplyOrigin = z.enum(REPLY_ORIGINS);
export type ReplyOrigin = z.infer<typeof ReplyOrigin>;

const ReplyText = z
  .string()
  .min(1)
  .max(5_000)
  .superRefine((text, ctx) => {
    for (const message of replyTemplateIssues(text).slice(0, 3)) ctx.addIssue({ code: 'custom', message });
  });

/** One reply macro: the defaults, a team's library file and this agent's good replies all use it. */
export const ReplyMacro = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'lower-case letters, digits and dashes'),
  title: z.string().min(1).max(200),
  /** The support intent it answers, e.g. refund; matched against the conversation's intent. */
  intent: z.string().min(1).max(100),
  text: ReplyText,
  /** Typical customer messages this reply answers; the ranking compares the conversation with these. */
  examples: z.array(z.string().min(1).max(500)).min(1).max(50),
  /** Where it came from: the shipped defaults, the team, or a reply this agent sent and marked good. */
  origin: ReplyOrigin.default('default'),
});
export type ReplyMacro = z.infer<typeof ReplyMacro>;

/** What the library editor sends: a new macro (no id) or changes to an existing one. */
export const ReplyMacroInput = z.object({
  id: ReplyMacro.shape.id.optional(),
  title: z.string().trim().min(1, 'a title is required').max(200),
  intent: z.string().trim().min(1, 'an intent is required').max(100),
  text: z.string().trim().pipe(ReplyText),
  examples: z.array(z.string().trim().min(1).max(500)).min(1, 'at least one example customer message is required').max(50),
});
export type ReplyMacroInput = z.infer<typeof ReplyMacroInput>;

/** A macro as the library editor lists it. */
export const ReplyLibraryEntry = ReplyMacro.extend({
  // Lenient on the way out: a stored macro stays listable (and fixable) even if the rules change.
  text: z.string().max(5_000),
  /** How often an agent on this desktop took it into the composer. */
  uses: z.number().int().min(0),
  /** Hidden macros are never suggested (the way to retire a default, which cannot be deleted). */
  hidden: z.boolean(),
  /** A team macro saved under a default's id replaces that default until it is deleted. */
  replacesDefault: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ReplyLibraryEntry = z.infer<typeof ReplyLibraryEntry>;

/**
 * The largest library file replies:import takes (characters of JSON; about 2,000 typical macros).
 * Kept under the browser host's 1 MB WebSocket frame so the same file works in both hosts.
 */
export const REPLY_LIBRARY_FILE_MAX_CHARS = 900_000;

export const REPLY_CHANGE_REASONS = ['saved', 'deleted', 'hidden', 'imported', 'marked_good', 'used'] as const;
export const ReplyLibraryChange = z.object({
  reason: z.enum(REPLY_CHANGE_REASONS),
  replyIds: z.array(z.string().max(200)).max(25_000),
});
export type ReplyLibraryChange = z.infer<typeof ReplyLibraryChange>;
