// The supervisor frames over a real hub on loopback: agents are refused them, leads get the live
// view and act on it, every action lands in the audit trail with who did it.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HandoffAccepted, INGEST_PATHS } from '../../shared/ingest';
import { SupervisorReport, SupervisorSnapshot, Whisper } from '../../shared/supervision';
import { createHub, type Hub } from '../index';
import { silentLog } from '../hub-log';
import { createFixedEscalation } from '../ingest/fixed-escalation';
import { handoffRequest } from '../testing/handoff-requests';
import { postSigned } from '../testing/signed-post';
import { connectTestAgent, type RequestFrame, type TestAgent } from '../testing/test-agent';
import { makeTempDir, type TempDir } from '../testing/temp-dir';
import { getHandoff } from '../store/handoff-queries';
import { listAudit } from './audit-queries';
import { type SUPERVISOR_ONLY_FRAMES } from './supervision-service';

const secret = 'test-secret-supervision-0123';
const tokens = { ann: 'token-ann-0123456789', bob: 'token-bob-0123456789', lee: 'token-lee-0123456789' };
let dir: TempDir;
let hub: Hub;
const links: TestAgent[] = [];

async function connect(token: string) {
  const link = await connectTestAgent(hub.wsUrl, token);
  links.push(link);
  return link;
}

async function postHandoff(): Promise<string> {
  const answer = await postSigned(hub.url, INGEST_PATHS.handoffs, handoffRequest(), { secret });
  expect(answer.status).toBe(202);
  return HandoffAccepted.parse(answer.json).handoffId;
}

const range = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };

beforeEach(async () => {
  dir = makeTempDir();
  hub = await createHub({
    port: 0,
    dbPath: dir.file('hub.sqlite'),
    secret,
    log: silentLog,
    escalation: createFixedEscalation(),
    frameRateLimit: null,
    agents: [
      { id: 'ann', name: 'Ann Agent', role: 'agent', capacity: 2, token: tokens.ann },
      { id: 'bob', name: 'Bob Agent', role: 'agent', capacity: 2, token: tokens.bob },
      { id: 'lee', name: 'Lee Lead', role: 'supervisor', token: tokens.lee },
    ],
  });
});

afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  await hub.close();
  dir.remove();
});

describe('supervisor frames', () => {
  test('an agent token is refused every supervisor-only frame with forbidden, and nothing changes', async () => {
    const ann = await connect(tokens.ann);
    await connect(tokens.bob);
    const handoffId = await postHandoff();
    const frames: Record<(typeof SUPERVISOR_ONLY_FRAMES)[number], RequestFrame> = {
      supervisor_snapshot: { type: 'supervisor_snapshot' },
      supervisor_report: { type: 'supervisor_report', range },
      supervisor_rows: { type: 'supervisor_rows', range, offset: 0 },
      supervisor_reassign: { type: 'supervisor_reassign', handoffId, to: { kind: 'agent', agentId: 'bob', force: true } },
      set_agent_presence: { type: 'set_agent_presence', agentId: 'bob', presence: 'away' },
      whisper: { type: 'whisper', agentId: 'bob', text: 'psst' },
      broadcast: { type: 'broadcast', text: 'hello all' },
    };
    for (const frame of Object.values(frames)) {
      const result = await ann.request(frame);
      expect(result, frame.type).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(ann.closeInfo).toBeNull();
    expect(getHandoff(hub.db, handoffId)!.handoff.assignedAgentId).toBeUndefined();
    expect(listAudit(hub.db)).toEqual([]);
  });

  test('a lead sees queues, agents by name with load, and each handoff with its receipts path and prediction', async () => {
    const ann = await connect(tokens.ann);
    const lee = await connect(tokens.lee);
    const first = await postHandoff();
    const offer = await ann.waitForEvent('offer', (e) => e.handoff.id === first);
    expect(offer.handoff.id).toBe(first);
    await ann.accept(first);
    const second = await postHandoff();
    await ann.waitForEvent('offer', (e) => e.handoff.id === second);
    await ann.setPresence('away'); // the offer goes back to the queue; nobody else is available
    const third = await postHandoff();

    const result = await lee.request({ type: 'supervisor_snapshot' });
    expect(result.ok).toBe(true);
    const snapshot = SupervisorSnapshot.parse((result as { value: unknown }).value);

    expect(snapshot.queues).toEqual([
      expect.objectContaining({ queue: 'general', waiting: 2, byPriority: { P1: 0, P2: 0, P3: 2, P4: 0 }, eligibleAgents: 0 }),
    ]);
    expect(snapshot.handoffs.map((h) => h.id)).toEqual([second, third, first]);
    const accepted = snapshot.handoffs.find((h) => h.id === first)!;
    expect(accepted).toMatchObject({ agentId: 'ann', offers: 1 });
    expect(accepted.path.map((r) => r.stage)).toEqual(['received', 'queued', 'offered', 'accepted']);
    const waiting = snapshot.handoffs.find((h) => h.id === third)!;
    expect(waiting).toMatchObject({ agentId: null, acceptedAt: null, predictedAcceptAt: null, predictedBreach: true });

    const annView = snapshot.agents.find((a) => a.id === 'ann')!;
    expect(annView).toMatchObject({ name: 'Ann Agent', presence: 'away', connected: true, load: 1, capacity: 2, conversations: [first] });
    expect(snapshot.agents.find((a) => a.id === 'bob')).toMatchObject({ name: 'Bob Agent', presence: 'offline', connected: false, load: 0 });
    expect(snapshot.alerts.map((a) => a.kind)).toEqual(expect.arrayContaining(['sla_breach_predicted', 'no_eligible_agent']));
  });

  test('force-assign, offer to another agent, requeue and presence changes act and are audited with who did it', async () => {
    const ann = await connect(tokens.ann);
    const bob = await connect(tokens.bob);
    const lee = await connect(tokens.lee);
    await bob.setPresence('away');
    const handoffId = await postHandoff();
    await ann.waitForEvent('offer', (e) => e.handoff.id === handoffId);
    await ann.accept(handoffId);

    // Force-assign: straight into Bob's conversations, out of Ann's.
    const forced = await lee.request({ type: 'supervisor_reassign', handoffId, to: { kind: 'agent', agentId: 'bob', force: true }, reason: 'Bob knows this customer' });
    expect(forced.ok).toBe(true);
    await bob.waitForEvent('handoff_updated', (e) => e.handoff.id === handoffId && e.handoff.assignedAgentId === 'bob');
    await ann.waitForEvent('handoff_updated', (e) => e.handoff.id === handoffId && e.handoff.assignedAgentId === 'bob');
    expect(getHandoff(hub.db, handoffId)!.handoff).toMatchObject({ status: 'accepted', assignedAgentId: 'bob' });

    // Reassign as an offer: Ann is offered it (and may accept).
    const offered = await lee.request({ type: 'supervisor_reassign', handoffId, to: { kind: 'agent', agentId: 'ann', force: false } });
    expect(offered.ok).toBe(true);
    await ann.waitForEvent('offer', (e) => e.handoff.id === handoffId && ann.eventsOf('offer').filter((o) => o.handoff.id === handoffId).length === 2);

    // Change Bob's presence for him: his desktop hears of it.
    const presence = await lee.request({ type: 'set_agent_presence', agentId: 'bob', presence: 'available' });
    expect(presence).toMatchObject({ ok: true, value: { presence: 'available' } });
    await bob.waitForEvent('agent_updated', (e) => e.agent.id === 'bob' && e.agent.presence === 'available');

    // Back to a queue.
    const requeued = await lee.request({ type: 'supervisor_reassign', handoffId, to: { kind: 'queue', queue: 'billing' } });
    expect(requeued.ok).toBe(true);
    expect(getHandoff(hub.db, handoffId)!.handoff.queue).toBe('billing');

    const missing = await lee.request({ type: 'supervisor_reassign', handoffId, to: { kind: 'agent', agentId: 'nobody', force: true } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(
      listAudit(hub.db)
        .reverse()
        .map((entry) => [entry.actorId, entry.action, entry.handoffId, entry.agentId]),
    ).toEqual([
      ['lee', 'force_assign', handoffId, 'bob'],
      ['lee', 'reassign', handoffId, 'ann'],
      ['lee', 'set_agent_presence', null, 'bob'],
      ['lee', 'requeue', handoffId, null],
    ]);
  });

  test('whispers reach one agent, broadcasts every agent; a raised hand reaches leads and an answer closes it', async () => {
    const ann = await connect(tokens.ann);
    const bob = await connect(tokens.bob);
    const lee = await connect(tokens.lee);

    const whisper = await lee.request({ type: 'whisper', agentId: 'ann', text: 'Offer the goodwill credit.' });
    expect(whisper.ok).toBe(true);
    const heard = await ann.waitForEvent('whisper');
    expect(Whisper.parse(heard.whisper)).toMatchObject({ fromId: 'lee', fromName: 'Lee Lead', toAgentId: 'ann', text: 'Offer the goodwill credit.' });

    await lee.request({ type: 'broadcast', text: 'Outage on payments: use the status page macro.' });
    await ann.waitForEvent('whisper', (e) => e.whisper.toAgentId === null);
    await bob.waitForEvent('whisper', (e) => e.whisper.toAgentId === null);
    expect(bob.eventsOf('whisper')).toHaveLength(1); // the first whisper was Ann's alone

    const raised = await bob.request({ type: 'raise_hand', text: 'Customer asks for a refund over my limit' });
    expect(raised.ok).toBe(true);
    const hand = (await lee.waitForEvent('raised_hand')).hand;
    expect(hand).toMatchObject({ agentId: 'bob', agentName: 'Bob Agent', answeredAt: null });

    let snapshot = SupervisorSnapshot.parse(((await lee.request({ type: 'supervisor_snapshot' })) as { value: unknown }).value);
    expect(snapshot.hands.map((h) => h.id)).toEqual([hand.id]);
    expect(snapshot.alerts.filter((a) => a.kind === 'raised_hand')).toHaveLength(1);

    const wrongAgent = await lee.request({ type: 'whisper', agentId: 'ann', text: 'Approved', handRaiseId: hand.id });
    expect(wrongAgent).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await lee.request({ type: 'whisper', agentId: 'bob', text: 'Approved, go ahead.', handRaiseId: hand.id });
    await bob.waitForEvent('whisper', (e) => e.whisper.handRaiseId === hand.id);
    await lee.waitForEvent('raised_hand', (e) => e.hand.id === hand.id && e.hand.answeredBy === 'lee');
    snapshot = SupervisorSnapshot.parse(((await lee.request({ type: 'supervisor_snapshot' })) as { value: unknown }).value);
    expect(snapshot.hands).toEqual([]);

    expect(listAudit(hub.db).map((entry) => entry.action)).toEqual(['answer_hand', 'broadcast', 'whisper']);
  });

  test('reports and report rows answer leads over the wire', async () => {
    const ann = await connect(tokens.ann);
    const lee = await connect(tokens.lee);
    const handoffId = await postHandoff();
    await ann.waitForEvent('offer', (e) => e.handoff.id === handoffId);
    await ann.accept(handoffId);
    const report = SupervisorReport.parse(((await lee.request({ type: 'supervisor_report', range })) as { value: unknown }).value);
    expect(report).toMatchObject({ total: 1, outcomes: { open: 1 }, sla: { met: 1, breached: 0 } });
    expect(report.timeToAccept).toHaveLength(1);
    expect(report.rules).toEqual([expect.objectContaining({ ruleId: 'defaults', fired: 1, accepted: 1 })]);
    const rows = await lee.request({ type: 'supervisor_rows', range, offset: 0 });
    expect(rows).toMatchObject({ ok: true, value: { rows: [expect.objectContaining({ handoffId, agentId: 'ann', rules: 'defaults' })], nextOffset: null } });
  });
});
