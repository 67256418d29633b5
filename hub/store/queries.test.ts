// The query functions against a real migrated SQLite file.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Handoff } from '../../shared/domain';
import { makeTempDir, type TempDir } from '../testing/temp-dir';
import { hashToken } from '../token-hash';
import { acknowledgeEvents, appendAgentEvent, eventCursor, eventsAfter, pruneUnacknowledged, raiseLastSeq } from './agent-event-queries';
import { findAgentByTokenHash, listAgents, revokeAgent, upsertAgent } from './agent-queries';
import { openHubDatabase, type HubDatabase } from './database';
import { findHandoffByEvent, findLatestHandoffByExternalId, getHandoff, insertHandoff, listActiveHandoffs, updateHandoff } from './handoff-queries';
import { dueDeliveries, enqueueDelivery, listOutbox, markDelivered, markFailed, nextDueAt } from './outbox-queries';

let dir: TempDir;
let db: HubDatabase;

beforeEach(() => {
  dir = makeTempDir();
  db = openHubDatabase(dir.file('hub.sqlite'));
  upsertAgent(db, { id: 'ann', name: 'Ann', role: 'agent', skills: ['billing'], capacity: 2, tokenHash: hashToken('secret-token') }, 1);
});

afterEach(() => {
  db.close();
  dir.remove();
});

function handoff(id: string, externalId: string, receivedAt: string): Handoff {
  return {
    id,
    status: 'queued',
    priority: 'P2',
    queue: 'billing',
    trigger: 'vip_customer',
    receivedAt,
    slaDeadline: receivedAt,
    customer: { id: 'c', name: 'C', tier: 'vip', pastConversations: [], openItems: [] },
    conversation: {
      externalId,
      channel: 'chat',
      language: 'en',
      recentIntents: [],
      summary: 's',
      stepsTaken: [],
      collectedData: {},
      failedAttempts: 0,
      messages: [{ id: 'm', author: 'customer', text: 't', at: receivedAt }],
    },
    rules: [],
  };
}

describe('agents', () => {
  test('are found by token hash only, and not once revoked; re-adding restores them', () => {
    expect(findAgentByTokenHash(db, hashToken('secret-token'))).toMatchObject({ id: 'ann', skills: ['billing'], capacity: 2 });
    expect(findAgentByTokenHash(db, 'secret-token')).toBeUndefined();
    expect(JSON.stringify(db.prepare('SELECT * FROM agents').all())).not.toContain('secret-token');
    expect(revokeAgent(db, 'ann', 2)).toBe(true);
    expect(revokeAgent(db, 'ann', 3)).toBe(false);
    expect(findAgentByTokenHash(db, hashToken('secret-token'))).toBeUndefined();
    expect(listAgents(db)).toEqual([]);
    expect(listAgents(db, { includeRevoked: true })).toHaveLength(1);
    upsertAgent(db, { id: 'ann', name: 'Ann B', role: 'supervisor', skills: [], capacity: 3, tokenHash: hashToken('new-token') }, 4);
    expect(findAgentByTokenHash(db, hashToken('new-token'))).toMatchObject({ name: 'Ann B', role: 'supervisor', revokedAt: null });
  });

  test('an invalid profile is refused before it is stored', () => {
    expect(() => upsertAgent(db, { id: 'x', name: '', role: 'agent', skills: [], capacity: 0, tokenHash: 'h' }, 1)).toThrow();
  });
});

describe('handoffs', () => {
  test('insert is idempotent on (conversation, event); update keeps columns and document in step', () => {
    const stored = { handoff: handoff('h1', 'conv', '2026-01-01T00:00:00.000Z'), eventId: 'e1', skills: ['billing'], customerMessage: 'hi' };
    expect(insertHandoff(db, stored, 1)).toBe(true);
    expect(insertHandoff(db, { ...stored, handoff: { ...stored.handoff, id: 'h2' } }, 1)).toBe(false);
    expect(findHandoffByEvent(db, 'conv', 'e1')!.handoff.id).toBe('h1');
    updateHandoff(db, { ...stored, handoff: { ...stored.handoff, status: 'accepted', assignedAgentId: 'ann' } }, 2);
    expect(getHandoff(db, 'h1')).toMatchObject({ handoff: { status: 'accepted', assignedAgentId: 'ann' }, skills: ['billing'], customerMessage: 'hi' });
    expect(db.prepare('SELECT status, assigned_agent_id FROM handoffs').get()).toEqual({ status: 'accepted', assigned_agent_id: 'ann' });
  });

  test('the latest handoff of a conversation is found by its external id; active ones are listed', () => {
    insertHandoff(db, { handoff: handoff('old', 'conv', '2026-01-01T00:00:00.000Z'), eventId: 'e1', skills: [], customerMessage: '' }, 1);
    insertHandoff(db, { handoff: handoff('new', 'conv', '2026-01-02T00:00:00.000Z'), eventId: 'e2', skills: [], customerMessage: '' }, 1);
    expect(findLatestHandoffByExternalId(db, 'conv')!.handoff.id).toBe('new');
    updateHandoff(db, { handoff: { ...handoff('old', 'conv', '2026-01-01T00:00:00.000Z'), status: 'resolved' }, eventId: 'e1', skills: [], customerMessage: '' }, 2);
    expect(listActiveHandoffs(db).map((stored) => stored.handoff.id)).toEqual(['new']);
  });
});

describe('per-agent events', () => {
  test('numbers events per agent, replays after a sequence, prunes on ack', () => {
    const event = { kind: 'offer_revoked', handoffId: 'h', reason: 'timeout' } as const;
    expect([1, 2, 3].map(() => appendAgentEvent(db, 'ann', event, 1))).toEqual([1, 2, 3]);
    expect(eventsAfter(db, 'ann', 1).map((e) => e.seq)).toEqual([2, 3]);
    acknowledgeEvents(db, 'ann', 2);
    expect(eventCursor(db, 'ann')).toEqual({ lastSeq: 3, ackedSeq: 2 });
    expect(eventsAfter(db, 'ann', 0).map((e) => e.seq)).toEqual([3]);
    acknowledgeEvents(db, 'ann', 99); // an ack beyond what was sent only acknowledges what exists
    expect(eventCursor(db, 'ann')).toEqual({ lastSeq: 3, ackedSeq: 3 });
    raiseLastSeq(db, 'ann', 10);
    expect(appendAgentEvent(db, 'ann', event, 1)).toBe(11);
    expect(() => appendAgentEvent(db, 'ghost', event, 1)).toThrow(/no agent/);
  });
});

describe('event log retention', () => {
  test('keeps at most N unacknowledged events per agent, counting the dropped ones as acknowledged', () => {
    const event = { kind: 'offer_revoked', handoffId: 'h', reason: 'timeout' } as const;
    for (let i = 0; i < 10; i++) appendAgentEvent(db, 'ann', event, 1);
    expect(pruneUnacknowledged(db, 20)).toBe(0);
    expect(pruneUnacknowledged(db, 4)).toBe(6);
    expect(eventCursor(db, 'ann')).toEqual({ lastSeq: 10, ackedSeq: 6 });
    expect(eventsAfter(db, 'ann', 0).map((e) => e.seq)).toEqual([7, 8, 9, 10]);
  });
});

describe('webhook outbox', () => {
  test('pending → failed with a retry time → delivered; dead after giving up', () => {
    enqueueDelivery(db, 'd1', '{"a":1}', 100);
    enqueueDelivery(db, 'd1', '{"a":1}', 100); // the same delivery twice is stored once
    enqueueDelivery(db, 'd2', '{"b":2}', 100);
    const [first, second] = dueDeliveries(db, 100, 10);
    expect([first!.deliveryId, second!.deliveryId]).toEqual(['d1', 'd2']);
    markFailed(db, first!.id, 'HTTP 500', 5_000);
    expect(dueDeliveries(db, 100, 10).map((entry) => entry.deliveryId)).toEqual(['d2']);
    expect(nextDueAt(db)).toBe(100);
    markFailed(db, second!.id, 'ECONNREFUSED', null);
    expect(nextDueAt(db)).toBe(5_000);
    markDelivered(db, first!.id, 5_000);
    expect(listOutbox(db).map((entry) => [entry.deliveryId, entry.state, entry.attempts])).toEqual([
      ['d1', 'delivered', 2],
      ['d2', 'dead', 1],
    ]);
    expect(nextDueAt(db)).toBeNull();
  });
});
