// Demo colleagues against a real hub: they accept offers after a while and resolve with feedback,
// or let an offer lapse, on a manual clock (the hub connections themselves are real).
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub } from '../../../hub/index';
import { silentLog } from '../../../hub/hub-log';
import { createFixedEscalation } from '../../../hub/ingest/fixed-escalation';
import { getHandoff } from '../../../hub/store/handoff-queries';
import { getFeedback } from '../../../hub/store/message-queries';
import { handoffRequest } from '../../../hub/testing/handoff-requests';
import { postSigned } from '../../../hub/testing/signed-post';
import { ManualClock } from '../../../shared/clock';
import { HandoffAccepted, INGEST_PATHS } from '../../../shared/ingest';
import { silentLogger } from '../logger';
import { DemoColleagues } from './demo-colleagues';

const secret = 'demo-colleagues-secret-0123';
let dir: string;
let hub: Hub;
let colleagues: DemoColleagues | null = null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-colleagues-'));
  hub = await createHub({
    port: 0,
    dbPath: join(dir, 'hub.sqlite'),
    secret,
    log: silentLog,
    escalation: createFixedEscalation(),
    agents: [{ id: 'demo-priya', name: 'Priya Shah', role: 'agent', capacity: 2, token: 'token-priya-0123456789' }],
  });
});

afterEach(async () => {
  await colleagues?.dispose();
  colleagues = null;
  await hub.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function start(random: () => number, clock: ManualClock): void {
  colleagues = new DemoColleagues({
    hubUrl: hub.url,
    colleagues: [{ id: 'demo-priya', name: 'Priya Shah', skills: [], capacity: 2, token: 'token-priya-0123456789' }],
    clock,
    random,
    log: silentLogger,
    behaviour: { acceptMs: [1_000, 1_000], handleMs: [60_000, 60_000], declineShare: 0.1, ignoreShare: 0.1, moodSwingMs: [3_600_000, 3_600_000] },
  });
  colleagues.start();
}

async function post(): Promise<string> {
  const answer = await postSigned(hub.url, INGEST_PATHS.handoffs, handoffRequest(), { secret });
  return HandoffAccepted.parse(answer.json).handoffId;
}

test('a colleague accepts an offer after a moment and resolves it with feedback', async () => {
  const clock = new ManualClock();
  start(() => 0.5, clock);
  await until('the colleague connected', () => hub.service.router.agent('demo-priya')?.connected === true);
  const id = await post();
  await until('the offer reached the colleague', () => clock.pendingTimers() >= 2);
  expect(getHandoff(hub.db, id)!.handoff.status).toBe('offered');
  clock.advance(1_000);
  await until('accepted', () => getHandoff(hub.db, id)!.handoff.status === 'accepted');
  expect(getHandoff(hub.db, id)!.handoff.assignedAgentId).toBe('demo-priya');
  await until('the resolve timer', () => clock.pendingTimers() >= 2);
  clock.advance(60_000);
  await until('resolved', () => getHandoff(hub.db, id)!.handoff.status === 'resolved');
  expect(getFeedback(hub.db, id)).toMatchObject({ handoffId: id });
});

test('a colleague sometimes lets an offer lapse (a missed offer for the lead to see)', async () => {
  const clock = new ManualClock();
  start(() => 0.05, clock);
  await until('the colleague connected', () => hub.service.router.agent('demo-priya')?.connected === true);
  const id = await post();
  await until('offered', () => getHandoff(hub.db, id)!.handoff.status === 'offered');
  clock.advance(120_000);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(getHandoff(hub.db, id)!.handoff.status).toBe('offered');
});
