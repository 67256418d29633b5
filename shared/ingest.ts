// What the bot platform POSTs to the hub, and what the hub answers. The hub fills in id, priority,
// queue, SLA and status from its escalation rules; the platform only describes the situation.
import { z } from 'zod';
import { Conversation, Customer, HandoffReceipt, Message, Sentiment, Trigger, HandoffStatus, Priority } from './domain';

export const INGEST_PATHS = {
  handoffs: '/api/v1/handoffs',
  /** `:id` is the hub's handoff id or the platform's conversation externalId. */
  messages: '/api/v1/conversations/:id/messages',
  health: '/healthz',
  /** The customer left: the platform tells the hub to stop routing the handoff. */
  abandon: '/api/v1/conversations/:id/abandon',
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

/** Answer to a customer message POST. */
export const CustomerMessageAccepted = z.object({
  handoffId: z.string(),
  messageId: z.string(),
  duplicate: z.boolean(),
  /** True when an agent (assigned, or holding the offer) was sent the message live. */
  deliveredToAgent: z.boolean(),
});
export type CustomerMessageAccepted = z.infer<typeof CustomerMessageAccepted>;

// ---- outbound webhook: what the hub POSTs to the bot platform (signed like ingest requests)

const WebhookBase = {
  /** Unique per delivery; a platform that sees the same id twice can ignore the repeat. */
  deliveryId: z.string(),
  handoffId: z.string(),
  /** The platform's own conversation id. */
  externalId: z.string(),
  at: z.iso.datetime({ offset: true }),
};

export const WebhookEvent = z.discriminatedUnion('type', [
  z.object({
    ...WebhookBase,
    type: z.literal('handoff.status'),
    status: HandoffStatus,
    priority: Priority,
    queue: z.string(),
    assignedAgentId: z.string().nullable(),
    /** Agent's display name, for "Ann has joined the conversation". */
    assignedAgentName: z.string().nullable(),
    expectedWaitSeconds: z.number().int().min(0).nullable(),
    /** With status 'queued': what to tell the customer while they wait (from the escalation rules). */
    customerMessage: z.string().optional(),
    receipt: HandoffReceipt.optional(),
  }),
  z.object({ ...WebhookBase, type: z.literal('handoff.customer_message'), text: z.string() }),
  z.object({ ...WebhookBase, type: z.literal('handoff.reply'), message: Message, agentName: z.string() }),
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;
