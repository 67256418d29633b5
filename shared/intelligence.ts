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
