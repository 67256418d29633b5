// The renderer API contract: one typed map of request methods and pushed events, declared as data.
// Electron's preload carries it over IPC, the browser host over a WebSocket; the renderer cannot
// tell which. No channel name is written anywhere but here.
import { z } from 'zod';
import { Agent, Customer, FeedbackGrade, Handoff, Message, Note, NoteSubject, Presence, Role } from './domain';
import { OfferRevokeReason, ReceiptStage, TransferTarget } from './hub-protocol';
import type { Result } from './result';
import { IntelligenceStatus, MoodTrend, ReplySuggestion } from './intelligence';
import { RaisedHand, ReassignTarget, ReportRange, SupervisorReport, SupervisorSnapshot, Whisper } from './supervision';

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

// ---- local store (issue 4): offline-first notes, drafts, outbox, offline cache
export const NOTE_SYNC_STATUSES = ['pending', 'synced', 'failed'] as const;
export const NoteSyncStatus = z.enum(NOTE_SYNC_STATUSES);
export type NoteSyncStatus = z.infer<typeof NoteSyncStatus>;

/** A note as this device holds it: "pending" until the hub answered, "failed" when it refused. */
export const LocalNote = Note.extend({
  syncStatus: NoteSyncStatus,
  syncError: z.string().max(500).nullable(),
  /** The hub version the text descends from; null until first synced. */
  hubVersion: z.number().int().min(1).nullable(),
  /** Overwritten texts kept for this note (see 'notes:revisions'). */
  revisionCount: z.number().int().min(0),
});
export type LocalNote = z.infer<typeof LocalNote>;

/** Search output split into plain and matched runs, so the UI highlights without parsing markup. */
export const SnippetSegment = z.object({ text: z.string(), match: z.boolean() });
export type SnippetSegment = z.infer<typeof SnippetSegment>;

export const NoteSearchHit = z.object({ note: LocalNote, snippet: z.array(SnippetSegment) });
export type NoteSearchHit = z.infer<typeof NoteSearchHit>;

export const NoteRevision = z.object({ noteId: z.string(), hubVersion: z.number().int().min(1), body: z.string(), keptAt: z.iso.datetime({ offset: true }) });
export type NoteRevision = z.infer<typeof NoteRevision>;

export const CacheSearchHit = z.object({
  kind: z.enum(['handoff', 'customer']),
  handoffId: z.string().nullable(),
  customerId: z.string(),
  title: z.string(),
  snippet: z.array(SnippetSegment),
  cachedAt: z.iso.datetime({ offset: true }),
});
export type CacheSearchHit = z.infer<typeof CacheSearchHit>;

/** A customer record from the offline cache; `cachedAt` is the "as of" time the UI shows. */
export const CachedCustomer = z.object({ customer: Customer, cachedAt: z.iso.datetime({ offset: true }) });
export type CachedCustomer = z.infer<typeof CachedCustomer>;

/** A handoff from the offline cache (readable with the hub unreachable); `cachedAt` is its "as of" time. */
export const CachedHandoff = InboxItem.extend({ cachedAt: z.iso.datetime({ offset: true }) });
export type CachedHandoff = z.infer<typeof CachedHandoff>;

export const Draft = z.object({ handoffId: z.string(), text: z.string(), updatedAt: z.iso.datetime({ offset: true }).nullable() });
export type Draft = z.infer<typeof Draft>;

/** What the offline banner shows: since when the hub is unreachable and how much is waiting. */
export const SyncStatus = z.object({
  online: z.boolean(),
  offlineSince: z.iso.datetime({ offset: true }).nullable(),
  pending: z.number().int().min(0),
  failed: z.number().int().min(0),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** A reply typed while the hub was unreachable: kept in the outbox, shown as not yet sent. */
export const QueuedReply = z.object({
  messageId: z.string(),
  text: z.string(),
  queuedAt: z.iso.datetime({ offset: true }),
  status: z.enum(['pending', 'failed']),
  error: z.string().nullable(),
});
export type QueuedReply = z.infer<typeof QueuedReply>;

const NoteBody = z.string().trim().min(1).max(20_000);
const NoteId = z.object({ noteId: z.string().min(1).max(200) });

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
  'notes:list': method(z.object({ subject: NoteSubject }), z.array(LocalNote)),
  'notes:create': method(z.object({ subject: NoteSubject, body: NoteBody }), LocalNote),
  'notes:update': method(NoteId.extend({ body: NoteBody }), LocalNote),
  'notes:delete': method(NoteId, z.null()),
  'notes:search': method(z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }), z.array(NoteSearchHit)),
  'notes:revisions': method(NoteId, z.array(NoteRevision)),
  'cache:search': method(z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }), z.array(CacheSearchHit)),
  'cache:customer': method(z.object({ customerId: z.string().min(1).max(200) }), CachedCustomer.nullable()),
  'cache:handoffs': method(NoArgs, z.array(CachedHandoff)),
  'cache:handoff': method(HandoffId, CachedHandoff.nullable()),
  'drafts:get': method(HandoffId, Draft),
  'drafts:save': method(HandoffId.extend({ text: z.string().max(20_000) }), Draft),
  'outbox:status': method(NoArgs, SyncStatus),
  'outbox:retry': method(NoArgs, SyncStatus),
  'events:export': method(z.object({ handoffId: z.string().min(1).max(200).optional() }), z.object({ jsonl: z.string() })),
  'outbox:queueReply': method(HandoffId.extend({ text: z.string().trim().min(1).max(20_000) }), QueuedReply),
  'outbox:replies': method(HandoffId, z.array(QueuedReply)),
  // ---- supervisor view (issue 7): refused by the hub unless the session's role is supervisor
  'supervisor:snapshot': method(NoArgs, SupervisorSnapshot),
  'supervisor:reassign': method(HandoffId.extend({ to: ReassignTarget, reason: z.string().max(500).optional() }), z.null()),
  'supervisor:setAgentPresence': method(z.object({ agentId: z.string().min(1).max(200), presence: Presence }), z.null()),
  'supervisor:whisper': method(
    z.object({
      agentId: z.string().min(1).max(200),
      text: z.string().trim().min(1).max(2_000),
      handoffId: z.string().min(1).max(200).optional(),
      handRaiseId: z.string().min(1).max(200).optional(),
    }),
    Whisper,
  ),
  'supervisor:broadcast': method(z.object({ text: z.string().trim().min(1).max(2_000) }), Whisper),
  'supervisor:report': method(ReportRange, SupervisorReport),
  'supervisor:exportCsv': method(ReportRange, z.object({ csv: z.string(), rows: z.number().int().min(0), truncated: z.boolean() })),
  /** Any agent: ask the leads for help. */
  'help:raiseHand': method(z.object({ text: z.string().trim().min(1).max(2_000), handoffId: z.string().min(1).max(200).optional() }), RaisedHand),
  // ---- on-device intelligence (issue 5): local models only
  'intelligence:status': method(NoArgs, IntelligenceStatus),
  'suggestions:get': method(HandoffId, z.array(ReplySuggestion).max(3)),
  /** The agent took this suggestion into the composer: it ranks higher next time. */
  'suggestions:used': method(HandoffId.extend({ replyId: z.string().min(1).max(200) }), z.null()),
  'sentiment:trend': method(HandoffId, MoodTrend),
  // ---- agent workspace (issue 6)
  /** Hands an accepted conversation on, to a named agent or to a queue, with a note for whoever takes it. */
  'handoffs:transfer': method(HandoffId.extend({ to: TransferTarget, note: z.string().trim().max(500).optional() }), InboxItem),
} as const;

export const apiEvents = {
  'connection:changed': ConnectionState,
  'offer:received': InboxItem,
  'offer:revoked': z.object({ handoffId: z.string(), reason: OfferRevokeReason }),
  'handoff:updated': InboxItem,
  'message:received': z.object({ handoffId: z.string(), message: Message }),
  'notes:changed': z.object({ note: LocalNote, deleted: z.boolean() }),
  'sync:status': SyncStatus,
  /** Supervisors: the live view changed (sent at most about once a second). */
  'supervisor:updated': SupervisorSnapshot,
  /** A lead's whisper to this agent, or a broadcast to all. */
  'whisper:received': Whisper,
  /** A model finished loading, failed, or the model worker was restarted. */
  'intelligence:status': IntelligenceStatus,
  /** A baton://handoff/ID link was opened (OS link handler): show that handoff. */
  'link:opened': z.object({ kind: z.literal('handoff'), handoffId: z.string().min(1).max(200) }),
  /** Who this desktop is signed in as changed (a lead set this agent's presence): the new session. */
  'session:changed': Session,
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
