// The WebSocket gateway against real sockets on loopback; time moves on a ManualClock.
import WebSocket from 'ws';
import { afterEach, describe, expect, test } from 'vitest';
import { CloseCode, HANDSHAKE_TIMEOUT_MS, HUB_WS_PATH, MAX_FRAME_BYTES, PING_INTERVAL_MS } from '../../shared/hub-protocol';
import { listReceipts } from '../store/receipt-queries';
import { getHandoff } from '../store/handoff-queries';
import { appendAgentEvent, pruneUnacknowledged } from '../store/agent-event-queries';
import { connectTestAgent, HubClosedError } from '../testing/test-agent';
import { seed, startTestHub, tokenOf, type TestHub } from '../testing/test-hub';

let t: TestHub;

afterEach(async () => {
  await t?.close();
});

describe('handshake', () => {
  test('a connection without the hub sub-protocol, or on another path, is refused', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    await expect(connectTestAgent(t.hub.wsUrl, tokenOf('ann'), { protocol: 'baton.hub.v0' })).rejects.toThrow(/HTTP 400/);
    await expect(connectTestAgent(t.hub.wsUrl.replace(HUB_WS_PATH, '/other'), tokenOf('ann'))).rejects.toThrow(/HTTP 404/);
  });

  test('an unknown token is closed with 4401', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const error = await connectTestAgent(t.hub.wsUrl, 'not-a-token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubClosedError);
    expect((error as HubClosedError).info.code).toBe(CloseCode.Unauthorized);
  });

  test('no hello within the handshake timeout closes with 4408', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const client = await t.connect('ann', { skipHello: true });
    t.clock.advance(HANDSHAKE_TIMEOUT_MS - 1);
    expect(client.closeInfo).toBeNull();
    t.clock.advance(1);
    expect((await client.closed).code).toBe(CloseCode.HandshakeTimeout);
  });

  test('a command before hello closes with 4400', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const client = await t.connect('ann', { skipHello: true });
    client.send({ type: 'accept', requestId: 'r', handoffId: 'h' });
    expect((await client.closed).code).toBe(CloseCode.BadRequest);
  });

  test('a second connection of the same agent replaces the first (4409) and keeps the agent online', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const first = await t.connect('ann');
    const second = await t.connect('ann');
    expect((await first.closed).code).toBe(CloseCode.Replaced);
    const accepted = await t.ingest();
    expect(accepted.status).toBe('offered');
    await second.waitForEvent('offer');
  });
});

describe('resumable delivery', () => {
  test('a reconnect with lastSeq gets exactly the events it missed, nothing twice', async () => {
    t = await startTestHub({ agents: [seed('ann', { capacity: 10 })] });
    const first = await t.connect('ann', { autoAck: false });
    await t.ingest();
    await t.ingest();
    await first.waitFor(() => first.eventsOf('offer').length === 2 || undefined);
    const seen = first.events.map((frame) => frame.seq);
    const processed = Math.max(...seen);
    first.send({ type: 'ack', seq: processed });
    await first.close();
    // Missed while away: nobody is online, so these wait; they are offered once ann is back.
    await t.ingest();
    await t.ingest();
    const again = await t.connect('ann', { lastSeq: processed });
    expect(again.welcome!.resumeFrom).toBe(processed + 1);
    // Going offline revoked the two pending offers (missed events); back online, all four are offered.
    await again.waitFor(() => again.eventsOf('offer').length === 4 || undefined);
    expect(again.eventsOf('offer_revoked')).toHaveLength(2);
    const seqs = again.events.map((frame) => frame.seq);
    expect(seqs[0]).toBe(processed + 1);
    expect(seqs).toEqual(seqs.map((_seq, index) => processed + 1 + index)); // contiguous: none missing, none twice
  });

  test('unacknowledged events are replayed after a reconnect from an older lastSeq', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const first = await t.connect('ann', { autoAck: false });
    const accepted = await t.ingest();
    await first.waitForEvent('offer');
    await first.close();
    const again = await t.connect('ann', { lastSeq: 0 });
    const offer = await again.waitForEvent('offer');
    expect(offer.handoff.id).toBe(accepted.handoffId);
  });

  test('a desktop that lost acknowledged history gets a fresh snapshot of its work', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const first = await t.connect('ann');
    const accepted = await t.ingest();
    await first.waitForEvent('offer');
    await first.accept(accepted.handoffId);
    await first.waitForEvent('handoff_updated');
    await first.waitFor(() => first.lastSeq > 0 && t.hub.db.prepare('SELECT acked_seq FROM agents WHERE id = ?').pluck().get('ann') === first.lastSeq);
    await first.close();
    const fresh = await t.connect('ann', { lastSeq: 0 });
    const snapshot = await fresh.waitForEvent('handoff_updated', (event) => event.handoff.id === accepted.handoffId);
    expect(snapshot.handoff.status).toBe('accepted');
  });

  test('after the hub dropped events an away desktop never acknowledged, it gets a snapshot instead', async () => {
    t = await startTestHub({ agents: [seed('ann', { capacity: 10 })] });
    const first = await t.connect('ann', { autoAck: false });
    const accepted = await t.ingest();
    await first.waitForEvent('offer');
    await first.accept(accepted.handoffId);
    for (let i = 0; i < 3; i++) await t.ingest();
    await first.waitFor(() => first.eventsOf('offer').length === 4 || undefined);
    await first.close();
    // The handoff_updated that told ann about her accepted handoff is among the dropped events.
    expect(pruneUnacknowledged(t.hub.db, 2)).toBeGreaterThan(0);
    const again = await t.connect('ann', { lastSeq: 0 });
    const snapshot = await again.waitForEvent('handoff_updated', (event) => event.handoff.id === accepted.handoffId);
    expect(snapshot.handoff).toMatchObject({ status: 'accepted', assignedAgentId: 'ann' });
  });
});

describe('long backlogs', () => {
  test('a backlog far larger than the slow-consumer limit is delivered in order, not dropped', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    // ~8 MB of whispers waiting for a desktop that was away (twice the 4 MiB unsent-bytes limit).
    const text = 'x'.repeat(1_900);
    const count = 4_200;
    t.hub.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        appendAgentEvent(
          t.hub.db,
          'ann',
          { kind: 'whisper', whisper: { id: `w${i}`, fromId: 'lee', fromName: 'Lee', toAgentId: 'ann', text, at: new Date(t.clock.now()).toISOString() } },
          t.clock.now(),
        );
      }
    })();
    // Acks are left out here: a desktop sends one per socket read (hub-link.ts), not per event.
    const ann = await t.connect('ann', { lastSeq: 0, autoAck: false });
    await ann.waitFor(() => ann.events.length >= count || undefined, 60_000);
    const seqs = ann.events.map((frame) => frame.seq);
    expect(seqs).toEqual(seqs.map((_seq, index) => index + 1));
    ann.send({ type: 'ack', seq: count });
    // Live events still arrive after the backlog.
    await t.ingest();
    await ann.waitForEvent('offer');
  }, 90_000);
});

describe('routing over the wire', () => {
  test('decline moves the offer to the next agent; a timeout does too and the timed-out agent is told', async () => {
    t = await startTestHub({ agents: [seed('ann'), seed('bob'), seed('cy')], offerTimeoutMs: 30_000 });
    const ann = await t.connect('ann');
    const bob = await t.connect('bob');
    const cy = await t.connect('cy');
    const accepted = await t.ingest();
    const holders = [ann, bob, cy];
    const firstHolder = await Promise.any(holders.map((client) => client.waitForEvent('offer', undefined, 2_000).then(() => client)));
    const declined = await firstHolder.decline(accepted.handoffId);
    expect(declined.ok).toBe(true);
    await firstHolder.waitForEvent('offer_revoked', (event) => event.reason === 'declined');
    const rest = holders.filter((client) => client !== firstHolder);
    const secondHolder = await Promise.any(rest.map((client) => client.waitForEvent('offer', undefined, 2_000).then(() => client)));
    t.clock.advance(30_000);
    await secondHolder.waitForEvent('offer_revoked', (event) => event.reason === 'timeout');
    const third = rest.find((client) => client !== secondHolder)!;
    await third.waitForEvent('offer');
    expect((await third.accept(accepted.handoffId)).ok).toBe(true);
    const stages = listReceipts(t.hub.db, accepted.handoffId).map((receipt) => receipt.stage);
    expect(stages).toEqual(['received', 'queued', 'offered', 'declined', 're_offered', 'timed_out', 're_offered', 'accepted']);
  });

  test('accepting an offer that is not yours is refused with a conflict result', async () => {
    t = await startTestHub({ agents: [seed('ann'), seed('bob', { skills: ['german'] })] });
    const ann = await t.connect('ann');
    const bob = await t.connect('bob');
    const accepted = await t.ingest();
    const holder = await Promise.any([ann, bob].map((client) => client.waitForEvent('offer', undefined, 2_000).then(() => client)));
    const other = holder === ann ? bob : ann;
    const result = await other.accept(accepted.handoffId);
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  test('desktop receipts are stored once (each alert step once) and reach supervisors', async () => {
    t = await startTestHub({ agents: [seed('ann'), seed('lee', { role: 'supervisor' })] });
    const ann = await t.connect('ann');
    const lee = await t.connect('lee');
    const accepted = await t.ingest();
    await ann.waitForEvent('offer');
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'delivered' });
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'delivered' });
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'alerted', detail: 'notification+sound' });
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'alerted', detail: 'attention' });
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'alerted', detail: 're-alert: notification+sound' });
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'alerted', detail: 're-alert: notification+sound' });
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'seen' });
    ann.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'seen', detail: 'again' });
    await lee.waitForEvent('receipt', (event) => event.receipt.stage === 'seen');
    const path = listReceipts(t.hub.db, accepted.handoffId).map((receipt) => (receipt.detail ? `${receipt.stage}:${receipt.detail}` : receipt.stage));
    expect(path.slice(3)).toEqual(['delivered', 'alerted:notification+sound', 'alerted:attention', 'alerted:re-alert: notification+sound', 'seen']);
    expect(path.slice(0, 3).map((step) => step.split(':')[0])).toEqual(['received', 'queued', 'offered']);
    // A receipt for someone else's handoff is refused.
    const bobless = await t.ingest();
    void bobless;
    lee.send({ type: 'receipt', handoffId: accepted.handoffId, stage: 'seen' });
    await lee.waitFor(() => lee.errors.find((frame) => frame.error.code === 'forbidden'));
  });

  test('reply, transfer and resolve are for the assigned agent; reassign is for supervisors', async () => {
    t = await startTestHub({ agents: [seed('ann'), seed('bob'), seed('lee', { role: 'supervisor' })] });
    const ann = await t.connect('ann');
    const lee = await t.connect('lee');
    const accepted = await t.ingest();
    await ann.waitForEvent('offer');

    const early = await ann.request({ type: 'reply', handoffId: accepted.handoffId, messageId: 'r1', text: 'Hi!' });
    expect(early).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ann.accept(accepted.handoffId);
    const reply = await ann.request({ type: 'reply', handoffId: accepted.handoffId, messageId: 'r1', text: 'Hi, I am Ann.' });
    expect(reply).toMatchObject({ ok: true, value: { message: { id: 'r1', author: 'agent', text: 'Hi, I am Ann.' } } });
    const retried = await ann.request({ type: 'reply', handoffId: accepted.handoffId, messageId: 'r1', text: 'Hi, I am Ann.' });
    expect(retried.ok && retried.value).toEqual(reply.ok && reply.value);

    const bob = await t.connect('bob');
    const notAllowed = await bob.request({ type: 'reassign', handoffId: accepted.handoffId, agentId: 'bob' });
    expect(notAllowed).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const transfer = await ann.request({ type: 'transfer', handoffId: accepted.handoffId, to: { kind: 'agent', agentId: 'bob' }, reason: 'billing expert' });
    expect(transfer.ok).toBe(true);
    await ann.waitForEvent('handoff_updated', (event) => event.handoff.status === 'transferred');
    await bob.waitForEvent('offer', (event) => event.handoff.id === accepted.handoffId);

    const reassign = await lee.request({ type: 'reassign', handoffId: accepted.handoffId, agentId: 'ann' });
    expect(reassign).toMatchObject({ ok: true, value: { handoff: { status: 'accepted', assignedAgentId: 'ann' } } });
    await bob.waitForEvent('offer_revoked', (event) => event.reason === 'reassigned');

    const resolve = await ann.request({ type: 'resolve', handoffId: accepted.handoffId, feedback: { handoffId: accepted.handoffId, grade: 'good_handoff' } });
    expect(resolve).toMatchObject({ ok: true, value: { handoff: { status: 'resolved' } } });
    expect(getHandoff(t.hub.db, accepted.handoffId)!.handoff.status).toBe('resolved');
    const late = await ann.request({ type: 'reply', handoffId: accepted.handoffId, messageId: 'r2', text: 'one more thing' });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  test('a disconnected agent is offline: their offer moves on; presence frames change eligibility', async () => {
    t = await startTestHub({ agents: [seed('ann'), seed('bob'), seed('lee', { role: 'supervisor' })] });
    const lee = await t.connect('lee');
    const ann = await t.connect('ann');
    const presence = await ann.setPresence('away');
    expect(presence).toMatchObject({ ok: true, value: { presence: 'away' } });
    await lee.waitForEvent('agent_updated', (event) => event.agent.id === 'ann' && event.agent.presence === 'away');
    const first = await t.ingest();
    expect(first).toMatchObject({ status: 'queued', eligibleAgentsOnline: 0 });
    await lee.waitForEvent('supervisor_alert', (event) => event.alert === 'no_eligible_agent');
    await ann.setPresence('available');
    await ann.waitForEvent('offer', (event) => event.handoff.id === first.handoffId);
    const bob = await t.connect('bob');
    await ann.close();
    await bob.waitForEvent('offer', (event) => event.handoff.id === first.handoffId);
    await lee.waitForEvent('agent_updated', (event) => event.agent.id === 'ann' && !event.connected && event.agent.presence === 'offline');
  });

  test('supervisors are alerted when a handoff misses its SLA, and it is flagged', async () => {
    t = await startTestHub({ agents: [seed('lee', { role: 'supervisor' })] });
    const lee = await t.connect('lee');
    const accepted = await t.ingest();
    t.clock.advance(120_000);
    const alert = await lee.waitForEvent('supervisor_alert', (event) => event.alert === 'sla_breached');
    expect(alert.handoff).toMatchObject({ id: accepted.handoffId, slaBreached: true });
    expect(getHandoff(t.hub.db, accepted.handoffId)!.handoff.slaBreached).toBe(true);
  });
});

describe('abuse and liveness', () => {
  test('bad frames get error frames; repeated abuse closes with 4400; the hub keeps serving', async () => {
    t = await startTestHub({ agents: [seed('ann'), seed('bob')] });
    const ann = await t.connect('ann');
    ann.sendRaw('not json');
    await ann.waitFor(() => ann.errors.find((frame) => /not valid JSON/.test(frame.error.message)));
    ann.sendRaw(JSON.stringify({ type: 'accept', handoffId: 'h' }));
    await ann.waitFor(() => ann.errors.find((frame) => /requestId/.test(frame.error.message)));
    for (let i = 0; i < 3; i++) ann.sendRaw('{}');
    expect((await ann.closed).code).toBe(CloseCode.BadRequest);
    const bob = await t.connect('bob');
    expect(bob.welcome).not.toBeNull();
  });

  test('a frame over MAX_FRAME_BYTES is refused by the socket (1009)', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const ann = await t.connect('ann');
    ann.sendRaw('x'.repeat(MAX_FRAME_BYTES + 1));
    expect((await ann.closed).code).toBe(1009);
  });

  test('too many frames: error frames, then 4429', async () => {
    t = await startTestHub({ agents: [seed('ann')], frameRateLimit: { perSecond: 1, burst: 3 } });
    const ann = await t.connect('ann', { autoAck: false }); // hello took one token
    for (let i = 0; i < 10; i++) ann.send({ type: 'ping' });
    expect((await ann.closed).code).toBe(CloseCode.TooManyRequests);
    expect(ann.errors.some((frame) => frame.error.code === 'too_many_requests')).toBe(true);
    expect(ann.frames.filter((frame) => frame.type === 'pong')).toHaveLength(2);
  });

  test('a connection that stops answering pings is terminated and its agent goes offline', async () => {
    t = await startTestHub({ agents: [seed('frozen'), seed('alive')], pingIntervalMs: PING_INTERVAL_MS });
    const frozen = await t.connect('frozen', { autoPong: false });
    const alive = await t.connect('alive');
    t.clock.advance(PING_INTERVAL_MS); // ping sent
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the alive client's pong arrive over the socket
    t.clock.advance(PING_INTERVAL_MS); // no pong from frozen: terminated
    const closed = await frozen.closed;
    expect(closed.code).toBe(1006);
    expect(alive.closeInfo).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.hub.service.router.agent('frozen')!.connected).toBe(false);
  });

  test('a binary frame with invalid UTF-8 gets an error, not a crash', async () => {
    t = await startTestHub({ agents: [seed('ann')] });
    const ann = await t.connect('ann');
    ann.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: true });
    await ann.waitFor(() => ann.errors.find((frame) => /UTF-8/.test(frame.error.message)));
    ann.send({ type: 'ping' });
    await ann.waitFor(() => ann.frames.find((frame) => frame.type === 'pong'));
    expect(WebSocket.OPEN).toBe(ann.socket.readyState);
  });
});

describe('directory', () => {
  test('an agent sees the other agents with presence, skills and whether they are linked, nothing more', async () => {
    t = await startTestHub({
      agents: [
        seed('ann', { name: 'Ann Alvarez', skills: ['billing'] }),
        seed('bob', { name: 'Bob Brown', skills: ['billing', 'returns'], capacity: 7 }),
        seed('cy', { name: 'Cy Chen', skills: ['tech'] }),
        seed('lee', { name: 'Lee Lead', role: 'supervisor' }),
      ],
    });
    const ann = await t.connect('ann');
    const bob = await t.connect('bob');
    await bob.request({ type: 'presence', presence: 'away' });
    const result = await ann.request({ type: 'directory' });
    expect(result.ok).toBe(true);
    const value = (result as { value: { agents: unknown[] } }).value;
    expect(value.agents).toEqual([
      { id: 'bob', name: 'Bob Brown', presence: 'away', skills: ['billing', 'returns'], connected: true },
      { id: 'cy', name: 'Cy Chen', presence: 'offline', skills: ['tech'], connected: false },
    ]);
    // No tokens, capacity, load or role travel to other agents.
    expect(JSON.stringify(value)).not.toMatch(/token|capacity|supervisor|Lee Lead/);
  });
});
