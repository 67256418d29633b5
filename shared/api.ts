// The renderer API contract: one typed map of request methods and pushed events, declared as data.
// Electron's preload carries it over IPC, the browser host over a WebSocket; the renderer cannot
// tell which. No channel name is written anywhere but here.
import { z } from 'zod';
import { Agent, Customer, FeedbackGrade, Handoff, Message, Note, NoteSubject, Presence, Priority, Role } from './domain';
import { DirectoryEntry, OfferRevokeReason, ReceiptStage, TransferTarget } from './hub-protocol';
import type { Result } from './result';
import { IntelligenceStatus, MoodTrend, REPLY_LIBRARY_FILE_MAX_CHARS, ReplyLibraryChange, ReplyLibraryEntry, ReplyMacroInput, ReplySuggestion } from './intelligence';
import { ModelDownloadProgress, ModelId, ModelsOverview, ModelTask } from './models';
import { RaisedHand, ReassignTarget, ReportRange, SupervisorReport, SupervisorSnapshot, Whisper } from './supervision';
import { AlertSoundRequest, SettingsPatch, SettingsView } from './settings';

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

/** Why the operating system made the agent Away (main/services/presence): locked screen, sleep, idle. */
export const PRESENCE_REASONS = ['locked', 'suspended', 'idle'] as const;
export const PresenceReason = z.enum(PRESENCE_REASONS);
export type PresenceReason = z.infer<typeof PresenceReason>;

export const Session = z.object({
  mode: z.enum(['demo', 'hub']),
  hubUrl: z.string().max(2_000).nullable(),
  /** Known once the hub welcomed this client. */
  agent: Agent.nullable(),
  role: Role,
  connection: ConnectionState,
  /** Set while the agent is Away because of the OS (not by their own or a lead's choice). */
  presenceReason: PresenceReason.nullable().optional(),
});
export type Session = z.infer<typeof Session>;

/** A handoff as the inbox shows it: offered to this agent (with a deadline), or accepted by them. */
export const InboxItem = z.object({
  handoff: Handoff,
  offerExpiresAt: z.iso.datetime({ offset: true }).nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;

/** Where the next inbox page starts: just after this item in paging order (shared/inbox-paging.ts). */
export const InboxCursor = z.object({
  accepted: z.boolean(),
  priority: Priority,
  receivedAt: z.iso.datetime({ offset: true }),
  id: z.string().min(1).max(200),
});
export type InboxCursor = z.infer<typeof InboxCursor>;

/** One page of the inbox: a long inbox arrives in pages so no single task parses thousands of handoffs. */
export const InboxPage = z.object({
  items: z.array(InboxItem).max(500),
  /** Items in the whole inbox when this page was cut. */
  total: z.number().int().min(0),
  /** Ask again from here; null on the last page. */
  next: InboxCursor.nullable(),
});
export type InboxPage = z.infer<typeof InboxPage>;

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

/** How far the search index is built after the store opened: rows read out of the rows to read. */
export const SearchIndexing = z.object({ done: z.number().int().min(0), total: z.number().int().min(0) });
export type SearchIndexing = z.infer<typeof SearchIndexing>;

/** Note search with the index's state: while it is still being built, `hits` are what it holds so far. */
export const NoteSearchResults = z.object({ hits: z.array(NoteSearchHit), indexing: SearchIndexing.optional() });
export type NoteSearchResults = z.infer<typeof NoteSearchResults>;

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

/** What a page of the browser host shows, as the alert policy needs it (main/services/alerts). */
export const AlertScreenReport = z.object({
  focused: z.boolean(),
  visible: z.boolean(),
  /** The inbox list is on screen (not covered by Settings, the help overlay, or the supervisor view). */
  inboxVisible: z.boolean(),
  /** The conversation open in the main pane, if any. */
  openHandoffId: z.string().min(1).max(200).nullable(),
});
export type AlertScreenReport = z.infer<typeof AlertScreenReport>;

export const AlertNotificationRequest = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('show'),
    tag: z.string().min(1).max(300),
    handoffId: z.string().min(1).max(200),
    title: z.string().max(500),
    body: z.string().max(1_000),
    urgency: z.enum(['critical', 'normal', 'low']),
    /** Offer notifications name Accept and Decline; a page Notification cannot carry buttons, so the page offers them in the banner. */
    actions: z.array(z.enum(['accept', 'decline'])).max(2),
  }),
  z.object({ type: z.literal('close'), tag: z.string().min(1).max(300) }),
]);
export type AlertNotificationRequest = z.infer<typeof AlertNotificationRequest>;
const NoArgs = z.object({}).strict();

function method<A extends z.ZodType, R extends z.ZodType>(args: A, result: R) {
  return { args, result };
}

export const apiMethods = {
  'session:get': method(NoArgs, Session),
  'inbox:list': method(NoArgs, z.array(InboxItem)),
  /** The inbox a page at a time: accepted work first, then offers by priority and age. */
  'inbox:page': method(z.object({ after: InboxCursor.nullable().default(null), limit: z.number().int().min(1).max(500).default(150) }), InboxPage),
  'handoffs:get': method(HandoffId, InboxItem),
  'handoffs:accept': method(HandoffId, InboxItem),
  'handoffs:decline': method(HandoffId.extend({ reason: z.string().min(1).max(500) }), z.null()),
  'handoffs:receipt': method(HandoffId.extend({ stage: ReceiptStage, detail: z.string().max(200).optional() }), z.null()),
  'handoffs:reply': method(HandoffId.extend({ text: z.string().trim().min(1).max(20_000) }), Message),
  'handoffs:resolve': method(
    HandoffId.extend({ grade: FeedbackGrade.optional(), comment: z.string().max(5_000).optional() }),
    InboxItem,
  ),
  /** `reason` is set by the OS presence monitor only (screen locked, asleep, idle). */
  'presence:set': method(z.object({ presence: Presence, reason: PresenceReason.optional() }), Presence),
  /** The colleagues this agent may transfer to, with presence and skills (from the hub). */
  'agents:list': method(NoArgs, z.array(DirectoryEntry)),
  'notes:list': method(z.object({ subject: NoteSubject }), z.array(LocalNote)),
  'notes:create': method(z.object({ subject: NoteSubject, body: NoteBody }), LocalNote),
  'notes:update': method(NoteId.extend({ body: NoteBody }), LocalNote),
  'notes:delete': method(NoteId, z.null()),
  'notes:search': method(z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }), z.array(NoteSearchHit)),
  /** As 'notes:search', plus `indexing` while the index is still being built after the store opened (partial hits). */
  'notes:searchWithIndexing': method(z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }), NoteSearchResults),
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
  // ---- model manager (issue 5): optional larger models, downloaded on demand or supplied by IT
  'models:list': method(NoArgs, ModelsOverview),
  /** Starts downloading a catalog model; progress arrives as 'models:progress', the end as 'models:changed'. */
  'models:download': method(z.object({ modelId: ModelId }), ModelsOverview),
  'models:cancel': method(z.object({ modelId: ModelId }), ModelsOverview),
  /** Deletes a downloaded model (a task using it goes back to the built-in model first). */
  'models:remove': method(z.object({ modelId: ModelId }), ModelsOverview),
  /** Switches a task to this model once it loaded; if it fails, the built-in model stays and the overview says why. */
  'models:use': method(z.object({ task: ModelTask, modelId: ModelId }), ModelsOverview),
  // ---- the reply library (issue 5): defaults + the team's macros + this agent's good replies
  'replies:list': method(NoArgs, z.array(ReplyLibraryEntry).max(25_000)),
  /** Creates (no id) or updates a team macro; saving under a default's id replaces that default. */
  'replies:save': method(ReplyMacroInput, ReplyLibraryEntry),
  /** Team and agent macros only: a default cannot be deleted, only hidden. */
  'replies:delete': method(z.object({ replyId: z.string().min(1).max(200) }), z.null()),
  'replies:setHidden': method(z.object({ replyId: z.string().min(1).max(200), hidden: z.boolean() }), ReplyLibraryEntry),
  /** Saves a reply this agent sent as an agent macro: record values back to placeholders, the customer's messages as examples. */
  'replies:markGood': method(HandoffId.extend({ messageId: z.string().min(1).max(200) }), ReplyLibraryEntry),
  /** A library file (JSON array of macros): all of it or nothing; merge keeps other team macros, replace drops them. */
  'replies:import': method(z.object({ json: z.string().max(REPLY_LIBRARY_FILE_MAX_CHARS, 'the file is too large (900,000 characters at most)'), mode: z.enum(['merge', 'replace']).default('merge') }), z.object({ imported: z.number().int().min(0), removed: z.number().int().min(0) })),
  /** The team and agent macros as a library file, to share with the team. */
  'replies:export': method(NoArgs, z.object({ json: z.string(), count: z.number().int().min(0) })),
  // ---- agent workspace (issue 6)
  /** Hands an accepted conversation on, to a named agent or to a queue, with a note for whoever takes it. */
  'handoffs:transfer': method(HandoffId.extend({ to: TransferTarget, note: z.string().trim().max(500).optional() }), InboxItem),
  // ---- settings (issue 6): alerts, sound, theme, hub connection; the hub token is write-only
  'settings:get': method(NoArgs, SettingsView),
  /** Changes some settings; a bad value is refused naming the field, nothing is half-saved. */
  'settings:update': method(SettingsPatch, SettingsView),
  // ---- the alert ladder in the browser host (issue 6): the page tells the services' alert policy what is on screen
  /** What this page shows now (sent on focus, blur, visibility and open-conversation changes); the latest report from any tab wins. */
  'alerts:screen': method(AlertScreenReport, z.null()),
  /** The agent looked at an offer (clicked its notification, opened it from the in-page card, selected it). */
  'alerts:seen': method(HandoffId.extend({ via: z.enum(['notification', 'card', 'window']) }), z.null()),
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
  /** A model download moved on (sent at most every ~100 ms per download). */
  'models:progress': ModelDownloadProgress,
  /** The model list, a download's end, or a task's model changed. */
  'models:changed': ModelsOverview,
  /** The reply library changed (saved, deleted, hidden, imported, marked good, used). */
  'replies:changed': ReplyLibraryChange,
  /** A baton://handoff/ID link was opened (OS link handler): show that handoff. */
  'link:opened': z.object({ kind: z.literal('handoff'), handoffId: z.string().min(1).max(200) }),
  /** Who this desktop is signed in as changed (a lead set this agent's presence): the new session. */
  'session:changed': Session,
  /** The settings changed (in this or another window, or the file was set aside): the new view. */
  'settings:changed': SettingsView,
  /** Electron: the alert policy asks the window to play the alert sound (the renderer owns audio). */
  'alerts:sound': AlertSoundRequest,
  /** Electron: the alert policy shows or hides the in-app banner for an offer. */
  'alerts:banner': z.object({ handoffId: z.string().min(1).max(200), visible: z.boolean() }),
  /** Browser host: the alert policy shows (or closes) a page Notification; same tag replaces. */
  'alerts:notification': AlertNotificationRequest,
  /** Browser host: ladder step 2 (flash the tab title and favicon badge) and the count of waiting offers. */
  'alerts:attention': z.object({ flashing: z.boolean(), waiting: z.number().int().min(0) }),
  /** Browser host: ladder step 3, the handoff card, shown in the page. */
  'alerts:card': z.object({ handoffId: z.string().min(1).max(200), visible: z.boolean() }),
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
