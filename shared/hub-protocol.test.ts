import { describe, expect, test } from 'vitest';
import type { Handoff } from './domain';
import {
  MAX_FRAME_BYTES,
  parseClientFrame,
  parseHubFrame,
  stringifyClientFrame,
  stringifyHubFrame,
  type ClientFrame,
  type HubFrame,
} from './hub-protocol';

const at = '2026-03-01T12:00:00.000Z';
const handoff: Handoff = {
  id: 'h1',
  status: 'offered',
  priority: 'P2',
  queue: 'billing',
  trigger: 'negative_sentiment',
  receivedAt: at,
  slaDeadline: at,
  customer: { id: 'c1', name: 'Dana', tier: 'vip', pastConversations: [], openItems: [] },
  conversation: {
    externalId: 'conv-1',
    channel: 'chat',
    language: 'en',
    recentIntents: [],
    summary: 'Wants a refund',
    stepsTaken: [],
    collectedData: {},
    failedAttempts: 0,
    messages: [{ id: 'm1', author: 'customer', text: 'hi', at }],
  },
  rules: [],
};

const goodClientFrames: ClientFrame[] = [
  { type: 'hello', token: 't', lastSeq: 0, client: { name: 'baton', version: '0.1.0' } },
  { type: 'ack', seq: 12 },
  { type: 'accept', requestId: 'r1', handoffId: 'h1' },
  { type: 'decline', requestId: 'r2', handoffId: 'h1', reason: 'on a call' },
  { type: 'presence', requestId: 'r3', presence: 'away' },
  { type: 'receipt', handoffId: 'h1', stage: 'alerted', detail: 'notification' },
  { type: 'reply', requestId: 'r4', handoffId: 'h1', messageId: 'm9', text: 'Hello Dana' },
  { type: 'resolve', requestId: 'r5', handoffId: 'h1', feedback: { handoffId: 'h1', grade: 'good_handoff' } },
  { type: 'transfer', requestId: 'r6', handoffId: 'h1', to: { kind: 'queue', queue: 'tech' } },
  { type: 'transfer', requestId: 'r7', handoffId: 'h1', to: { kind: 'agent', agentId: 'a2' }, reason: 'speaks German' },
  { type: 'reassign', requestId: 'r8', handoffId: 'h1', agentId: 'a2' },
  { type: 'ping' },
];

const goodHubFrames: HubFrame[] = [
  {
    type: 'welcome',
    agent: { id: 'a1', name: 'Ann', role: 'agent', skills: [], capacity: 3, presence: 'available' },
    serverTime: at,
    resumeFrom: 1,
  },
  { type: 'event', seq: 1, event: { kind: 'offer', handoff, offerExpiresAt: at } },
  { type: 'event', seq: 2, event: { kind: 'offer_revoked', handoffId: 'h1', reason: 'timeout' } },
  { type: 'event', seq: 3, event: { kind: 'handoff_updated', handoff: { ...handoff, status: 'accepted', assignedAgentId: 'a1' } } },
  { type: 'event', seq: 4, event: { kind: 'message', handoffId: 'h1', message: { id: 'm2', author: 'customer', text: 'still there?', at } } },
  { type: 'event', seq: 5, event: { kind: 'supervisor_alert', alert: 'sla_breached', handoff, message: 'missed SLA' } },
  { type: 'event', seq: 6, event: { kind: 'receipt', receipt: { handoffId: 'h1', stage: 'seen', agentId: 'a1', at } } },
  { type: 'result', requestId: 'r1', ok: true, value: { handoff } },
  { type: 'result', requestId: 'r1', ok: false, error: { code: 'conflict', message: 'offer expired' } },
  { type: 'error', error: { code: 'bad_request', message: 'type: invalid' } },
  { type: 'pong' },
];

describe('client frames', () => {
  test.each(goodClientFrames.map((frame) => [frame.type, frame] as const))('%s round-trips through stringify and parse', (_type, frame) => {
    const parsed = parseClientFrame(stringifyClientFrame(frame));
    expect(parsed).toEqual({ ok: true, frame: expect.objectContaining(frame) });
  });

  test('bytes are accepted as well as strings', () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'ack', seq: 1 }));
    expect(parseClientFrame(bytes)).toEqual({ ok: true, frame: { type: 'ack', seq: 1 } });
  });

  const bad: [string, string | Uint8Array, RegExp][] = [
    ['not JSON', '{"type":', /not valid JSON/],
    ['unknown type', JSON.stringify({ type: 'launch' }), /type/],
    ['hello without token', JSON.stringify({ type: 'hello', lastSeq: 0, client: { name: 'x', version: '1' } }), /token/],
    ['negative sequence', JSON.stringify({ type: 'ack', seq: -1 }), /seq/],
    ['fractional sequence', JSON.stringify({ type: 'ack', seq: 1.5 }), /seq/],
    ['accept without requestId', JSON.stringify({ type: 'accept', handoffId: 'h1' }), /requestId/],
    ['unknown presence', JSON.stringify({ type: 'presence', requestId: 'r', presence: 'napping' }), /presence/],
    ['empty reply', JSON.stringify({ type: 'reply', requestId: 'r', handoffId: 'h', messageId: 'm', text: '' }), /text/],
    ['unknown receipt stage', JSON.stringify({ type: 'receipt', handoffId: 'h', stage: 'accepted' }), /stage/],
    ['transfer to nowhere', JSON.stringify({ type: 'transfer', requestId: 'r', handoffId: 'h', to: { kind: 'moon' } }), /to/],
    ['a JSON array', '[1,2,3]', /expected object|Invalid input/],
    ['null', 'null', /expected object|Invalid input/],
    ['invalid UTF-8 bytes', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /UTF-8/],
    ['too large', JSON.stringify({ type: 'ping', pad: 'x'.repeat(MAX_FRAME_BYTES) }), /larger than/],
  ];
  test.each(bad)('%s is refused with a reason', (_name, raw, reason) => {
    const parsed = parseClientFrame(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(reason);
  });

  test('stringify refuses a frame that would not parse', () => {
    expect(() => stringifyClientFrame({ type: 'ack', seq: -5 })).toThrow();
  });
});

describe('hub frames', () => {
  test.each(goodHubFrames.map((frame, index) => [`${frame.type}#${index}`, frame] as const))('%s round-trips', (_name, frame) => {
    const parsed = parseHubFrame(stringifyHubFrame(frame));
    expect(parsed.ok).toBe(true);
  });

  test('an event without a positive sequence, or with an unknown kind, is refused', () => {
    expect(parseHubFrame(JSON.stringify({ type: 'event', seq: 0, event: { kind: 'offer_revoked', handoffId: 'h', reason: 'timeout' } })).ok).toBe(false);
    expect(parseHubFrame(JSON.stringify({ type: 'event', seq: 1, event: { kind: 'party' } })).ok).toBe(false);
  });

  test('an offer whose handoff is malformed is refused', () => {
    const broken = { type: 'event', seq: 1, event: { kind: 'offer', handoff: { ...handoff, priority: 'P9' }, offerExpiresAt: at } };
    expect(parseHubFrame(JSON.stringify(broken)).ok).toBe(false);
    const missing = { type: 'event', seq: 1, event: { kind: 'offer', handoff: { ...handoff, customer: undefined }, offerExpiresAt: at } };
    expect(parseHubFrame(JSON.stringify(missing)).ok).toBe(false);
  });

  test('a result must be either ok with a value or not ok with an error code', () => {
    expect(parseHubFrame(JSON.stringify({ type: 'result', requestId: 'r', ok: false })).ok).toBe(false);
    expect(parseHubFrame(JSON.stringify({ type: 'result', requestId: 'r', ok: false, error: { code: 'oops', message: 'x' } })).ok).toBe(false);
  });
});
