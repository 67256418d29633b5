// A hub restarted while offers are out (here closed and reopened on the same file, on a ManualClock;
// hub/crash.test.ts does it with SIGKILL): each offer stays with the agent who held it, and an
// offer whose agent was removed meanwhile is revoked in that agent's event log before it moves on.
import { afterEach, expect, test } from 'vitest';
import { ManualClock } from '../shared/clock';
import { HandoffAccepted, INGEST_PATHS } from '../shared/ingest';
import { createHub, type Hub, type HubOptions } from './index';
import { silentLog } from './hub-log';
import { createFixedEscalation } from './ingest/fixed-escalation';
import { openHubDatabase } from './store/database';
import { revokeAgent } from './store/agent-queries';
import { eventsAfter } from './store/agent-event-queries';
import { handoffRequest } from './testing/handoff-requests';
import { postSigned } from './testing/signed-post';
import { connectTestAgent, type TestAgent } from './testing/test-agent';
import { seed, tokenOf, TEST_SECRET } from './testing/test-hub';
import { makeTempDir, type TempDir } from './testing/temp-dir';

let dir: TempDir;
const hubs: Hub[] = [];
const links: TestAgent[] = [];

afterEach(async () => {
  await Promise.all(links.splice(0).map((link) => link.close()));
  for (const hub of hubs.splice(0)) await hub.close();
  dir?.remove();
});

test('after a restart an offer stays with its agent; one whose agent was removed is revoked, then routed on', async () => {
  dir = makeTempDir('baton-offer-restore-');
  const clock = new ManualClock();
  const options = (agents: HubOptions['agents']): HubOptions => ({
    port: 0,
    dbPath: dir.file('hub.sqlite'),
    secret: TEST_SECRET,
    log: silentLog,
    escalation: createFixedEscalation(),
    clock,
    pingIntervalMs: 24 * 60 * 60_000,
    offerTimeoutMs: 60_000,
    agents,
  });
  const start = async (agents: HubOptions['agents']) => {
    const hub = await createHub(options(agents));
    hubs.push(hub);
    return hub;
  };
  const connect = async (hub: Hub, id: string, lastSeq = 0) => {
    const link = await connectTestAgent(hub.wsUrl, tokenOf(id), { lastSeq });
    links.push(link);
    return link;
  };
  const ingest = async (hub: Hub) => {
    const answer = await postSigned(hub.url, INGEST_PATHS.handoffs, handoffRequest(), { secret: TEST_SECRET, nowMs: clock.now() });
    return HandoffAccepted.parse(answer.json).handoffId;
  };

  const first = await start([seed('ann', { capacity: 1 }), seed('bob', { capacity: 1 }), seed('cid', { capacity: 2 })]);
  const ann = await connect(first, 'ann');
  const forAnn = await ingest(first);
  await ann.waitForEvent('offer', (e) => e.handoff.id === forAnn);
  const bob = await connect(first, 'bob');
  const forBob = await ingest(first);
  await bob.waitForEvent('offer', (e) => e.handoff.id === forBob);
  // The hub goes down with the desktops still connected (a desktop leaving first would revoke its offer).
  await first.close();
  hubs.splice(0);

  // Bob is removed while the hub is down; ann's desktop still shows her offer.
  const db = openHubDatabase(dir.file('hub.sqlite'));
  revokeAgent(db, 'bob', clock.now());
  db.close();
  clock.advance(5_000);

  const second = await start([seed('ann', { capacity: 1 }), seed('cid', { capacity: 2 })]);
  const cid = await connect(second, 'cid');
  await cid.waitForEvent('offer', (e) => e.handoff.id === forBob);
  const annAgain = await connect(second, 'ann', ann.lastSeq);
  // Nothing new for ann: her offer is the one she has, with its first deadline, and she can take it.
  expect(annAgain.eventsOf('offer')).toEqual([]);
  expect(annAgain.eventsOf('offer_revoked')).toEqual([]);
  expect(cid.eventsOf('offer').map((e) => e.handoff.id)).toEqual([forBob]);
  const accepted = await annAgain.accept(forAnn);
  expect(accepted).toMatchObject({ ok: true });

  const after = openHubDatabase(dir.file('hub.sqlite'));
  try {
    const bobsLog = eventsAfter(after, 'bob', 0).map((e) => e.event);
    expect(bobsLog.at(-1)).toEqual({ kind: 'offer_revoked', handoffId: forBob, reason: 'reassigned' });
  } finally {
    after.close();
  }
});

test('a restored offer whose agent does not come back within the grace moves on without a strike', async () => {
  dir = makeTempDir('baton-offer-restore-');
  const clock = new ManualClock();
  const options: HubOptions = {
    port: 0,
    dbPath: dir.file('hub.sqlite'),
    secret: TEST_SECRET,
    log: silentLog,
    escalation: createFixedEscalation(),
    clock,
    pingIntervalMs: 24 * 60 * 60_000,
    offerTimeoutMs: 600_000,
    agents: [seed('ann', { capacity: 1 }), seed('cid', { capacity: 1 })],
  };
  const first = await createHub(options);
  hubs.push(first);
  const ann = await connectTestAgent(first.wsUrl, tokenOf('ann'));
  links.push(ann);
  const answer = await postSigned(first.url, INGEST_PATHS.handoffs, handoffRequest(), { secret: TEST_SECRET, nowMs: clock.now() });
  const handoffId = HandoffAccepted.parse(answer.json).handoffId;
  await ann.waitForEvent('offer');
  await first.close();
  hubs.splice(0);

  const second = await createHub(options);
  hubs.push(second);
  const cid = await connectTestAgent(second.wsUrl, tokenOf('cid'));
  links.push(cid);
  clock.advance(29_999);
  await new Promise((r) => setTimeout(r, 50));
  expect(cid.eventsOf('offer')).toEqual([]);
  clock.advance(1);
  await cid.waitForEvent('offer', (e) => e.handoff.id === handoffId);
  // Ann comes back later: her log says the offer went, and she is available, not away.
  const annAgain = await connectTestAgent(second.wsUrl, tokenOf('ann'), { lastSeq: ann.lastSeq });
  links.push(annAgain);
  await annAgain.waitForEvent('offer_revoked', (e) => e.handoffId === handoffId && e.reason === 'reassigned');
  expect(annAgain.welcome?.agent.presence).toBe('available');
});
