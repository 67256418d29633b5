// What the bot platform POSTs to the hub, and what the hub answers. The hub fills in id, priority,
// queue, SLA and status from its escalation rules; the platform only describes the situation.
import { z } from 'zod';
import { Conversation, Customer, Message, Sentiment, Trigger, HandoffStatus } from './domain';

export const INGEST_PATHS = {
  handoffs: '/api/v1/handoffs',
  /** `:id` is the hub's handoff id or the platform's conversation externalId. */
  messages: '/api/v1/conversations/:id/messages',
  health: '/healthz',
} as const;

/** Signature headers (lower-case, as Node exposes them). */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-baton-timestamp',
  signature: 'x-baton-signature',
} as const;

/** A signature older or newer than this is refused, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1_000_000;

export const HandoffRequest = z.object({
  /** The platform's id for this handoff event; a retried POST with the same id is harmless. */
  eventId: z.string().min(1).max(200),
  trigger: Trigger,
  triggerDetail: z.string().max(1_000).optional(),
  customer: Customer,
  conversation: Conversation,
  sentiment: Sentiment.optional(),
});
export type HandoffRequest = z.input<typeof HandoffRequest>;
export type ParsedHandoffRequest = z.output<typeof HandoffRequest>;

export const HandoffAccepted = z.object({
  handoffId: z.string(),
  status: HandoffStatus,
  /** True when this POST repeated an eventId the hub had already stored. */
  duplicate: z.boolean(),
  eligibleAgentsOnline: z.number().int().min(0),
  expectedWaitSeconds: z.number().int().min(0).nullable(),
  /** What the platform should tell the customer while they wait. */
  customerMessage: z.string(),
});
export type HandoffAccepted = z.infer<typeof HandoffAccepted>;

export const CustomerMessageRequest = z.object({
  eventId: z.string().min(1).max(200),
  message: Message.omit({ author: true, sentiment: true }),
  sentiment: Sentiment.optional(),
});
export type CustomerMessageRequest = z.input<typeof CustomerMessageRequest>;

export const IngestErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type IngestErrorBody = z.infer<typeof IngestErrorBody>;
