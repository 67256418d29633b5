// Domain vocabulary shared by hub, desktop services and renderer. One concept, one name:
// a *handoff* is *offered* to an *agent*, who *accepts* it. Schemas are the source of truth;
// types are derived from them so that runtime validation and compile-time types never drift.
import { z } from 'zod';

export const TRIGGERS = [
  'negative_sentiment',
  'vip_customer',
  'complex_request',
  'unknown_query',
  'failed_attempts',
  'human_requested',
] as const;
export const Trigger = z.enum(TRIGGERS);
export type Trigger = z.infer<typeof Trigger>;

/** Human-readable labels for triggers, used by every UI surface. */
export const TRIGGER_LABELS: Record<Trigger, string> = {
  negative_sentiment: 'Negative sentiment',
  vip_customer: 'VIP / high-value customer',
  complex_request: 'Complex multi-step request',
  unknown_query: 'Unknown or non-standard query',
  failed_attempts: 'Repeated failed attempts',
  human_requested: 'Customer asked for a human',
};

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const HANDOFF_STATUSES = [
  'queued',
  'offered',
  'accepted',
  'resolved',
  'transferred',
  'abandoned',
] as const;
export const HandoffStatus = z.enum(HANDOFF_STATUSES);
export type HandoffStatus = z.infer<typeof HandoffStatus>;

export const PRESENCES = ['available', 'busy', 'away', 'offline'] as const;
export const Presence = z.enum(PRESENCES);
export type Presence = z.infer<typeof Presence>;

export const ROLES = ['agent', 'supervisor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const TIERS = ['standard', 'plus', 'premium', 'vip'] as const;
export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;

export const CHANNELS = ['chat', 'email', 'whatsapp', 'sms', 'voice', 'social'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export const SentimentLabel = z.enum(SENTIMENT_LABELS);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

/** A sentiment estimate: label plus a score in [-1, 1] (negative … positive). */
export const Sentiment = z.object({
  label: SentimentLabel,
  score: z.number().min(-1).max(1),
  /** Who produced it: the bot platform, or an on-device model by name. */
  source: z.string().min(1).max(100),
});
export type Sentiment = z.infer<typeof Sentiment>;

const Id = z.string().min(1).max(200);
/** ISO-8601 timestamp with offset, e.g. 2026-11-26T10:00:00.000Z */
const IsoTime = z.iso.datetime({ offset: true });

export const MESSAGE_AUTHORS = ['customer', 'bot', 'agent', 'system'] as const;
export const MessageAuthor = z.enum(MESSAGE_AUTHORS);
export type MessageAuthor = z.infer<typeof MessageAuthor>;

export const Message = z.object({
  id: Id,
  author: MessageAuthor,
  text: z.string().max(20_000),
  at: IsoTime,
  sentiment: Sentiment.optional(),
  /** Set by the desktop on a reply typed while the hub was unreachable: waiting in the outbox, not yet sent. */
  pending: z.boolean().optional(),
});
export type Message = z.infer<typeof Message>;

export const PastConversation = z.object({
  id: Id,
  at: IsoTime,
  topic: z.string().max(500),
  outcome: z.enum(['resolved', 'transferred', 'abandoned', 'bot_resolved']),
});
export type PastConversation = z.infer<typeof PastConversation>;

export const OpenItem = z.object({
  id: Id,
  kind: z.enum(['order', 'ticket']),
  title: z.string().max(500),
  status: z.string().max(100),
});
export type OpenItem = z.infer<typeof OpenItem>;

export const Customer = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  email: z.string().max(320).optional(),
  phone: z.string().max(50).optional(),
  tier: Tier,
  plan: z.string().max(100).optional(),
  /** Lifetime value in the account's currency, whole units. */
  lifetimeValue: z.number().nonnegative().max(1e12).optional(),
  locale: z.string().max(35).optional(),
  pastConversations: z.array(PastConversation).max(200).default([]),
  openItems: z.array(OpenItem).max(200).default([]),
});
export type Customer = z.infer<typeof Customer>;

/** What the bot platform knows about the conversation when it hands it off. */
export const Conversation = z.object({
  /** The bot platform's own conversation id. */
  externalId: Id,
  channel: Channel,
  language: z.string().min(2).max(35),
  intent: z.string().max(200).optional(),
  /** The bot's most recent detected intents, newest last. */
  recentIntents: z.array(z.string().max(200)).max(20).default([]),
  summary: z.string().min(1).max(5_000),
  stepsTaken: z.array(z.string().max(1_000)).max(50).default([]),
  /** Facts the bot collected (order number, device, ...). */
  collectedData: z.record(z.string().max(100), z.string().max(1_000)).default({}),
  botConfidence: z.number().min(0).max(1).optional(),
  failedAttempts: z.number().int().min(0).max(1_000).default(0),
  messages: z.array(Message).min(1).max(1_000),
});
export type Conversation = z.infer<typeof Conversation>;

/** A rule decision recorded on a handoff: which escalation rule fired and why. */
export const RuleDecision = z.object({
  ruleId: z.string().max(200),
  reason: z.string().max(1_000),
});
export type RuleDecision = z.infer<typeof RuleDecision>;

export const Handoff = z.object({
  id: Id,
  status: HandoffStatus,
  priority: Priority,
  queue: z.string().max(100),
  trigger: Trigger,
  triggerDetail: z.string().max(1_000).optional(),
  receivedAt: IsoTime,
  slaDeadline: IsoTime,
  assignedAgentId: Id.optional(),
  customer: Customer,
  conversation: Conversation,
  rules: z.array(RuleDecision).max(100).default([]),
  /** Customer sentiment as estimated by the bot platform at handoff time. */
  sentimentAtHandoff: Sentiment.optional(),
  /** Set by the hub when nobody accepted the handoff by its SLA deadline (supervisors were alerted). */
  slaBreached: z.boolean().optional(),
});
export type Handoff = z.infer<typeof Handoff>;

/** Every step of a handoff's path through the hub, in the order they usually happen. */
export const HANDOFF_RECEIPT_STAGES = [
  'received',
  'queued',
  'offered',
  'delivered',
  'alerted',
  'seen',
  'accepted',
  'declined',
  'timed_out',
  're_offered',
  'transferred',
  'sla_breached',
  'resolved',
  'abandoned',
] as const;
export const HandoffReceiptStage = z.enum(HANDOFF_RECEIPT_STAGES);
export type HandoffReceiptStage = z.infer<typeof HandoffReceiptStage>;

/** One timestamped step of a handoff's path (who it was offered to, when it was seen, ...). */
export const HandoffReceipt = z.object({
  handoffId: Id,
  stage: HandoffReceiptStage,
  agentId: Id.optional(),
  detail: z.string().max(500).optional(),
  at: IsoTime,
});
export type HandoffReceipt = z.infer<typeof HandoffReceipt>;

export const Agent = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  role: Role,
  skills: z.array(z.string().max(100)).max(100).default([]),
  capacity: z.number().int().min(1).max(50).default(3),
  presence: Presence,
});
export type Agent = z.infer<typeof Agent>;

export const NoteSubject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), customerId: Id }),
  z.object({ kind: z.literal('handoff'), handoffId: Id }),
]);
export type NoteSubject = z.infer<typeof NoteSubject>;

export const Note = z.object({
  id: Id,
  subject: NoteSubject,
  body: z.string().min(1).max(20_000),
  authorId: Id,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Note = z.infer<typeof Note>;

export const FEEDBACK_GRADES = [
  'good_handoff',
  'should_have_been_automated',
  'escalated_too_late',
  'summary_wrong',
  'wrong_team',
] as const;
export const FeedbackGrade = z.enum(FEEDBACK_GRADES);
export type FeedbackGrade = z.infer<typeof FeedbackGrade>;

export const Feedback = z.object({
  handoffId: Id,
  grade: FeedbackGrade,
  summaryAccurate: z.boolean().optional(),
  escalationWarranted: z.boolean().optional(),
  comment: z.string().max(5_000).optional(),
});
export type Feedback = z.infer<typeof Feedback>;
