// The renderer API contract: one typed map of request methods and pushed events, declared as data.
// Electron's preload carries it over IPC, the browser host over a WebSocket; the renderer cannot
// tell which. No channel name is written anywhere but here.
import { z } from 'zod';
import { Agent, FeedbackGrade, Handoff, Message, Presence, Role } from './domain';
import { OfferRevokeReason, ReceiptStage } from './hub-protocol';
import type { Result } from './result';

export const CONNECTION_STATUSES = ['idle', 'connecting', 'open', 'backoff', 'closed'] as const;
export const ConnectionStatus = z.enum(CONNECTION_STATUSES);
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const ConnectionState = z.object({
  status: ConnectionStatus,
  /** When the link entered this status. */
  since: z.iso.datetime({ offset: true }),
  /** In backoff: when the next attempt is due. */
  retryAt: z.iso.datetime({ offset: true }).optional(),
  /** Why the last connection ended, in words a person can act on. */
  error: z.string().max(500).optional(),
  /** True when the hub refused this client for good (bad token, wrong role): retrying will not help. */
  fatal: z.boolean().default(false),
});
export type ConnectionState = z.infer<typeof ConnectionState>;

export const Session = z.object({
  mode: z.enum(['demo', 'hub']),
  hubUrl: z.string().max(2_000).nullable(),
  /** Known once the hub welcomed this client. */
  agent: Agent.nullable(),
  role: Role,
  connection: ConnectionState,
});
export type Session = z.infer<typeof Session>;

/** A handoff as the inbox shows it: offered to this agent (with a deadline), or accepted by them. */
export const InboxItem = z.object({
  handoff: Handoff,
  offerExpiresAt: z.iso.datetime({ offset: true }).nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;

const HandoffId = z.object({ handoffId: z.string().min(1).max(200) });
const NoArgs = z.object({}).strict();

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const apiMethods = {
  'session:get': method(NoArgs, Session),
  'inbox:list': method(NoArgs, z.array(InboxItem)),
  'handoffs:get': method(HandoffId, InboxItem),
  'handoffs:accept': method(HandoffId, InboxItem),
  'handoffs:decline': method(HandoffId.extend({ reason: z.string().min(1).max(500) }), z.null()),
  'handoffs:receipt': method(HandoffId.extend({ stage: ReceiptStage, detail: z.string().max(200).optional() }), z.null()),
  'handoffs:reply': method(HandoffId.extend({ text: z.string().trim().min(1).max(20_000) }), Message),
  'handoffs:resolve': method(
    HandoffId.extend({ grade: FeedbackGrade.optional(), comment: z.string().max(5_000).optional() }),
    InboxItem,
  ),
  'presence:set': method(z.object({ presence: Presence }), Presence),
} as const;

export const apiEvents = {
  'connection:changed': ConnectionState,
  'offer:received': InboxItem,
  'offer:revoked': z.object({ handoffId: z.string(), reason: OfferRevokeReason }),
  'handoff:updated': InboxItem,
  'message:received': z.object({ handoffId: z.string(), message: Message }),
} as const;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
export type MethodArgs<N extends MethodName> = z.input<ApiMethods[N]['args']>;
export type MethodResult<N extends MethodName> = z.output<ApiMethods[N]['result']>;

export type ApiEvents = typeof apiEvents;
export type EventName = keyof ApiEvents;
export type EventPayload<E extends EventName> = z.output<ApiEvents[E]>;

/** What the renderer sees as `window.baton`. */
export interface BatonApi {
  invoke<N extends MethodName>(method: N, args: MethodArgs<N>): Promise<Result<MethodResult<N>>>;
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The services' side: one handler per method, receiving already-validated arguments. */
export type ApiHandlers = {
  [N in MethodName]: (args: z.output<ApiMethods[N]['args']>) => Promise<MethodResult<N>> | MethodResult<N>;
};

/** Pushes an event to every connected renderer. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(apiMethods, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(apiEvents, value);
}
