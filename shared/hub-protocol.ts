// The WebSocket protocol between the hub and Baton desktops (after graphql-ws's common.ts): the
// version travels as the WebSocket sub-protocol, every frame is a member of a zod discriminated
// union, and parse/stringify both validate, so neither side ever acts on a malformed frame.
import { z } from 'zod';
import { Agent, Feedback, Handoff, HandoffReceipt, Message, Note, Presence } from './domain';
import { ApiError, describeZodError } from './result';
import { RaisedHand, ReassignTarget, ReportRange, Whisper } from './supervision';

export const HUB_PROTOCOL = 'baton.hub.v1';
export const HUB_WS_PATH = '/ws';

/** Application close codes (4xxx mirrors HTTP where it can). */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  HandshakeTimeout: 4408,
  Replaced: 4409,
  TooManyRequests: 4429,
  ServerRestart: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Codes after which a client must not retry on its own: a person has to act (new token, role). */
export const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([CloseCode.Unauthorized, CloseCode.Forbidden]);

/** Largest frame either side accepts. */
export const MAX_FRAME_BYTES = 256 * 1024;
/** Time a client has to send `hello` after connecting. */
export const HANDSHAKE_TIMEOUT_MS = 5_000;
export const PING_INTERVAL_MS = 15_000;

const Id = z.string().min(1).max(200);
const RequestId = z.string().min(1).max(100);
const IsoTime = z.iso.datetime({ offset: true });

export const OFFER_REVOKE_REASONS = ['timeout', 'declined', 'accepted_elsewhere', 'reassigned', 'abandoned'] as const;
export const OfferRevokeReason = z.enum(OFFER_REVOKE_REASONS);
export type OfferRevokeReason = z.infer<typeof OfferRevokeReason>;

export const RECEIPT_STAGES = ['delivered', 'alerted', 'seen'] as const;
export const ReceiptStage = z.enum(RECEIPT_STAGES);
export type ReceiptStage = z.infer<typeof ReceiptStage>;

export const SUPERVISOR_ALERT_KINDS = ['sla_breached', 'no_eligible_agent', 'rule'] as const;
export const SupervisorAlertKind = z.enum(SUPERVISOR_ALERT_KINDS);
export type SupervisorAlertKind = z.infer<typeof SupervisorAlertKind>;

/** Where a transfer sends a handoff: to one named agent, or back to a queue for routing. */
export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: Id }),
  z.object({ kind: z.literal('queue'), queue: z.string().min(1).max(100) }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/**
 * A colleague as any agent may see them (the transfer picker): who, whether they can take work now,
 * and what they handle. Nothing else: no load, token, history or contact details.
 */
export const DirectoryEntry = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  presence: Presence,
  skills: z.array(z.string().max(100)).max(100),
  /** Whether a Baton desktop of theirs is linked to the hub right now. */
  connected: z.boolean(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** The `value` of the hub's `result` frame for a `directory` request: the other agents, by name. */
export const DirectoryResult = z.object({ agents: z.array(DirectoryEntry).max(5_000) });
export type DirectoryResult = z.infer<typeof DirectoryResult>;

// ---- note sync (issue 4): desktops push local note changes through their outbox; the hub orders
// them, dedupes by changeId and keeps overwritten text as revisions; other devices catch up with note_pull.
export const NOTE_SYNC_OPS = ['upsert', 'delete'] as const;
export const NoteSyncOp = z.enum(NOTE_SYNC_OPS);
export type NoteSyncOp = z.infer<typeof NoteSyncOp>;

/** One local change to a note, as a desktop's outbox sends it. */
export const NoteSyncChange = z.object({
  /** Client-generated idempotency key: the hub applies each changeId once. */
  changeId: Id,
  op: NoteSyncOp,
  /** For `delete`, the note as the client last knew it (its id and subject are what count). */
  note: Note,
  /** The hub version the client's text descends from; null for a note the hub has not seen. */
  baseVersion: z.number().int().min(1).nullable(),
  /** Set when the text descends from an earlier change of this client not yet answered (the hub resolves its version). */
  followsChangeId: Id.optional(),
});
export type NoteSyncChange = z.infer<typeof NoteSyncChange>;

/** Largest number of changes in one `note_sync` frame (the client also keeps frames under MAX_FRAME_BYTES). */
export const MAX_NOTE_SYNC_BATCH = 200;

/** What the hub did with one change. */
export const NoteSyncOutcome = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    changeId: Id,
    noteId: Id,
    /** The note's version in hub order after this change (hub-wide, strictly increasing). */
    hubVersion: z.number().int().min(1),
    /** True when the hub had already applied this changeId (a retry after a lost answer). */
    duplicate: z.boolean(),
    /** Version of text the writer had not seen (another device's edit) that this change overwrote; kept as a revision. */
    revisionKept: z.number().int().min(1).nullable(),
  }),
  z.object({ ok: z.literal(false), changeId: Id, error: ApiError }),
]);
export type NoteSyncOutcome = z.infer<typeof NoteSyncOutcome>;

/** The `value` of the hub's `result` frame for a `note_sync`: one outcome per change, in order. */
export const NoteSyncResult = z.object({ outcomes: z.array(NoteSyncOutcome) });
export type NoteSyncResult = z.infer<typeof NoteSyncResult>;

/** A note as the hub holds it, for `note_pull`: how a device learns of edits made on another device. */
export const HubNoteState = z.object({ note: Note, hubVersion: z.number().int().min(1), deleted: z.boolean() });
export type HubNoteState = z.infer<typeof HubNoteState>;

/** The `value` of the hub's `result` frame for a `note_pull`; pages stay well under MAX_FRAME_BYTES. */
export const NotePullResult = z.object({
  notes: z.array(HubNoteState),
  /** Pull again from here; equals afterVersion when nothing changed. */
  latestVersion: z.number().int().min(0),
  more: z.boolean(),
});
export type NotePullResult = z.infer<typeof NotePullResult>;

// ---- events the hub pushes to one agent, each carried in an `event` frame with a sequence number

export const HubEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), handoff: Handoff, offerExpiresAt: IsoTime }),
  z.object({ kind: z.literal('offer_revoked'), handoffId: Id, reason: OfferRevokeReason }),
  z.object({ kind: z.literal('handoff_updated'), handoff: Handoff }),
  z.object({ kind: z.literal('message'), handoffId: Id, message: Message }),
  /** Supervisors only: something needs a lead (SLA missed, nobody eligible, a rule asked for it). */
  z.object({ kind: z.literal('supervisor_alert'), alert: SupervisorAlertKind, handoff: Handoff, message: z.string().max(1_000) }),
  /** Supervisors only: a step of a handoff's path (see HandoffReceipt). */
  z.object({ kind: z.literal('receipt'), receipt: HandoffReceipt }),
  /** To the agent concerned and to supervisors: an agent's presence or load changed. */
  z.object({ kind: z.literal('agent_updated'), agent: Agent, activeHandoffs: z.number().int().min(0), connected: z.boolean() }),
  /** To one agent (or, for a broadcast, every agent): a lead's message. */
  z.object({ kind: z.literal('whisper'), whisper: Whisper }),
  /** Supervisors only: an agent asks for help (also sent again when a lead answered it). */
  z.object({ kind: z.literal('raised_hand'), hand: RaisedHand }),
]);
export type HubEvent = z.infer<typeof HubEvent>;

// ---- client → hub

export const ClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    token: z.string().min(1).max(500),
    /** Highest event sequence this client has processed; the hub resends everything after it. */
    lastSeq: z.number().int().min(0),
    client: z.object({ name: z.string().max(100), version: z.string().max(50) }),
  }),
  z.object({ type: z.literal('ack'), seq: z.number().int().min(0) }),
  z.object({ type: z.literal('accept'), requestId: RequestId, handoffId: Id }),
  z.object({ type: z.literal('decline'), requestId: RequestId, handoffId: Id, reason: z.string().max(500) }),
  z.object({ type: z.literal('presence'), requestId: RequestId, presence: Presence }),
  z.object({ type: z.literal('receipt'), handoffId: Id, stage: ReceiptStage, detail: z.string().max(200).optional() }),
  z.object({
    type: z.literal('reply'),
    requestId: RequestId,
    handoffId: Id,
    /** Client-generated id: a retried reply is stored once. */
    messageId: Id,
    text: z.string().min(1).max(20_000),
  }),
  z.object({ type: z.literal('resolve'), requestId: RequestId, handoffId: Id, feedback: Feedback.optional() }),
  /** The assigned agent (or a supervisor) hands the conversation on. */
  z.object({ type: z.literal('transfer'), requestId: RequestId, handoffId: Id, to: TransferTarget, reason: z.string().max(500).optional() }),
  /** Supervisors only: give a waiting or accepted handoff to a named agent. */
  z.object({ type: z.literal('reassign'), requestId: RequestId, handoffId: Id, agentId: Id }),
  /** A batch of local note changes, applied in order; each answered separately (see NoteSyncResult). */
  z.object({ type: z.literal('note_sync'), requestId: RequestId, changes: z.array(NoteSyncChange).min(1).max(MAX_NOTE_SYNC_BATCH) }),
  /** Every change to this agent's notes with a hub version above afterVersion (sent after each welcome). */
  z.object({ type: z.literal('note_pull'), requestId: RequestId, afterVersion: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
  /** Any agent: the colleagues one may transfer to (result value: DirectoryResult). */
  z.object({ type: z.literal('directory'), requestId: RequestId }),
  // ---- supervisor view (issue 7). Supervisor-only frames are refused to agents with `forbidden`.
  /** Supervisors only: the live view (result value: SupervisorSnapshot). */
  z.object({ type: z.literal('supervisor_snapshot'), requestId: RequestId }),
  /** Supervisors only: aggregates over a date range (result value: SupervisorReport). */
  z.object({ type: z.literal('supervisor_report'), requestId: RequestId, range: ReportRange }),
  /** Supervisors only: the rows behind a report, one page at a time (result value: ReportRowsPage). */
  z.object({ type: z.literal('supervisor_rows'), requestId: RequestId, range: ReportRange, offset: z.number().int().min(0) }),
  /** Supervisors only: offer to / force-assign to an agent, or put back in a queue. */
  z.object({ type: z.literal('supervisor_reassign'), requestId: RequestId, handoffId: Id, to: ReassignTarget, reason: z.string().max(500).optional() }),
  /** Supervisors only: change an agent's presence (e.g. set away someone who left their desk). */
  z.object({ type: z.literal('set_agent_presence'), requestId: RequestId, agentId: Id, presence: Presence }),
  /** Supervisors only: a message to one agent; with handRaiseId it answers that raised hand. */
  z.object({
    type: z.literal('whisper'),
    requestId: RequestId,
    agentId: Id,
    text: z.string().trim().min(1).max(2_000),
    handoffId: Id.optional(),
    handRaiseId: Id.optional(),
  }),
  /** Supervisors only: a note to every agent. */
  z.object({ type: z.literal('broadcast'), requestId: RequestId, text: z.string().trim().min(1).max(2_000) }),
  /** Any agent: ask the leads for help. */
  z.object({ type: z.literal('raise_hand'), requestId: RequestId, text: z.string().trim().min(1).max(2_000), handoffId: Id.optional() }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

// ---- hub → client

// zod 4 refuses two members with the same discriminator value, so the two `result` shapes form
// their own union (discriminated by `ok`) beside the other frames; the inferred type is unchanged.
export const HubFrame = z.union([
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('welcome'),
      agent: Agent,
      serverTime: IsoTime,
      /** The sequence the hub will resend from (lastSeq + 1), or the next new one. */
      resumeFrom: z.number().int().min(0),
    }),
    z.object({ type: z.literal('event'), seq: z.number().int().min(1), event: HubEvent }),
    z.object({ type: z.literal('error'), error: ApiError }),
    z.object({ type: z.literal('pong') }),
  ]),
  z.discriminatedUnion('ok', [
    z.object({ type: z.literal('result'), requestId: RequestId, ok: z.literal(true), value: z.unknown().optional() }),
    z.object({ type: z.literal('result'), requestId: RequestId, ok: z.literal(false), error: ApiError }),
  ]),
]);
export type HubFrame = z.infer<typeof HubFrame>;

export type FrameParse<T> = { ok: true; frame: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodType<T>, raw: string | Buffer | ArrayBuffer | Uint8Array): FrameParse<T> {
  const text = typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw as Uint8Array);
  if (text.length > MAX_FRAME_BYTES) return { ok: false, error: `frame larger than ${MAX_FRAME_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'frame is not valid JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  return { ok: true, frame: parsed.data };
}

type Buffer = Uint8Array;

/** Parses a frame a client sent; never throws. */
export function parseClientFrame(raw: string | Uint8Array | ArrayBuffer): FrameParse<ClientFrame> {
  try {
    return parseWith(ClientFrame, raw);
  } catch {
    return { ok: false, error: 'frame is not valid UTF-8' };
  }
}

/** Parses a frame the hub sent; never throws. */
export function parseHubFrame(raw: string | Uint8Array | ArrayBuffer): FrameParse<HubFrame> {
  try {
    return parseWith(HubFrame, raw);
  } catch {
    return { ok: false, error: 'frame is not valid UTF-8' };
  }
}

/** Validates before serialising, so a bug on the sending side surfaces where it happens. */
export function stringifyClientFrame(frame: ClientFrame): string {
  return JSON.stringify(ClientFrame.parse(frame));
}

export function stringifyHubFrame(frame: HubFrame): string {
  return JSON.stringify(HubFrame.parse(frame));
}
