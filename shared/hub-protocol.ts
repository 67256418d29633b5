// The WebSocket protocol between the hub and Baton desktops (after graphql-ws's common.ts): the
// version travels as the WebSocket sub-protocol, every frame is a member of a zod discriminated
// union, and parse/stringify both validate, so neither side ever acts on a malformed frame.
import { z } from 'zod';
import { Agent, Feedback, Handoff, Message, Presence } from './domain';
import { ApiError, describeZodError } from './result';

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

// ---- events the hub pushes to one agent, each carried in an `event` frame with a sequence number

export const HubEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('offer'), handoff: Handoff, offerExpiresAt: IsoTime }),
  z.object({ kind: z.literal('offer_revoked'), handoffId: Id, reason: OfferRevokeReason }),
  z.object({ kind: z.literal('handoff_updated'), handoff: Handoff }),
  z.object({ kind: z.literal('message'), handoffId: Id, message: Message }),
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
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

// ---- hub → client

export const HubFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    agent: Agent,
    serverTime: IsoTime,
    /** The sequence the hub will resend from (lastSeq + 1), or the next new one. */
    resumeFrom: z.number().int().min(0),
  }),
  z.object({ type: z.literal('event'), seq: z.number().int().min(1), event: HubEvent }),
  z.object({ type: z.literal('result'), requestId: RequestId, ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ type: z.literal('result'), requestId: RequestId, ok: z.literal(false), error: ApiError }),
  z.object({ type: z.literal('error'), error: ApiError }),
  z.object({ type: z.literal('pong') }),
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
