// Group commit of ingests (HandoffService + CommitBatcher) on a real SQLite file, with the flush
// driven by the test: one transaction per batch, idempotency inside a batch, a failing job rolled
// back alone, events pushed only after the commit, and the router in step with what was stored.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../shared/clock';
import { HandoffRequest, type HandoffAccepted } from '../shared/ingest';
import type { HubEvent } from '../shared/hub-protocol';
import { HandoffService } from './handoff-service';
import { silentLog } from './hub-log';
import { createFixedEscalation } from './ingest/fixed-escalation';
import type { Escalation } from './ingest/escalation';
import { upsertAgent } from './store/agent-queries';
import { eventCursor, eventsAfter } from './store/agent-event-queries';
import { openHubDatabase, type HubDatabase } from './store/database';
import { countHandoffs } from './store/handoff-queries';
import { handoffRequest } from './testing/handoff-requests';
import { makeTempDir, type TempDir } from './testing/temp-dir';

let dir: TempDir;
let db: HubDatabase;
let service: HandoffService;
let flushes: (() => void)[];
let seqAtStart: number;
let pushed: { agentId: string; seq: number; event: HubEvent }[];

function start(escalation: Escalation = createFixedEscalation(), maxBatch?: number) {
  service = new HandoffService({
    db,
    clock: new ManualClock(),
    escalation,
    log: silentLog,
    ingestBatch: { schedule: (flush) => void flushes.push(flush), ...(maxBatch ? { maxBatch } : {}) },
  });
  service.addPushTarget({ push: (agentId, seq, event) => void pushed.push({ agentId, seq, event }) });
  service.start();
  service.connectAgent('ann');
  pushed.length = 0;
  seqAtStart = eventCursor(db, 'ann').lastSeq;
}

/** Runs the scheduled flushes, like the event loop's next turn. */
function turn(): void {
  for (const flush of flushes.splice(0)) flush();
}

function parsed(overrides: Parameters<typeof handoffRequest>[0] = {}) {
  return HandoffRequest.parse(handoffRequest(overrides));
}

beforeEach(() => {
  dir = makeTempDir();
  db = openHubDatabase(dir.file('hub.sqlite'));
  upsertAgent(db, { id: 'ann', name: 'Ann', role: 'agent', skills: [], capacity: 50, tokenHash: 'h-ann' }, 0);
  flushes = [];
  pushed = [];
});

afterEach(() => {
  service.dispose();
  db.close();
  dir.remove();
});

describe('group commit of ingests', () => {
  test('ingests queued in one turn commit together; their promises settle only after the commit', async () => {
    // A second connection sees only committed rows: what it sees while each job runs tells whether
    // the jobs before it were committed separately (0, 1, 2) or are still one open transaction (0, 0, 0).
    const observer = openHubDatabase(dir.file('hub.sqlite'));
    const committedWhileRunning: number[] = [];
    const fixed = createFixedEscalation();
    start({
      ...fixed,
      customerMessage(request, outcome, wait) {
        committedWhileRunning.push(countHandoffs(observer));
        return fixed.customerMessage(request, outcome, wait);
      },
    });
    const answers: HandoffAccepted[] = [];
    const pending = [parsed(), parsed(), parsed()].map((request) => service.ingest(request).then((answer) => void answers.push(answer)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers).toEqual([]);
    expect(countHandoffs(db)).toBe(0); // nothing is stored, so nothing may be answered yet
    expect(pushed).toEqual([]);

    turn();
    await Promise.all(pending);
    expect(committedWhileRunning).toEqual([0, 0, 0]);
    expect(countHandoffs(observer)).toBe(3);
    observer.close();
    expect(service.ingestCommitStats()).toEqual({ batches: 1, jobs: 3, largestBatch: 3 });
    expect(countHandoffs(db)).toBe(3);
    expect(answers.map((answer) => [answer.status, answer.duplicate])).toEqual([
      ['offered', false],
      ['offered', false],
      ['offered', false],
    ]);
    // Each handoff offered once to ann, with consecutive sequence numbers that match the stored log.
    const offers = pushed.filter((push) => push.event.kind === 'offer');
    expect(offers.map((push) => (push.event as Extract<HubEvent, { kind: 'offer' }>).handoff.id).sort()).toEqual(answers.map((a) => a.handoffId).sort());
    const stored = eventsAfter(db, 'ann', seqAtStart);
    expect(pushed.filter((push) => push.agentId === 'ann').map((push) => push.seq)).toEqual(stored.map((event) => event.seq));
  });

  test('two POSTs with the same eventId in one batch are one handoff; the second is answered duplicate', async () => {
    start();
    const request = parsed();
    const first = service.ingest(request);
    const second = service.ingest({ ...request });
    turn();
    const [a, b] = await Promise.all([first, second]);
    expect(b.handoffId).toBe(a.handoffId);
    expect([a.duplicate, b.duplicate]).toEqual([false, true]);
    expect(countHandoffs(db)).toBe(1);
    expect(pushed.filter((push) => push.event.kind === 'offer')).toHaveLength(1);
    // A retry after the commit is answered at once, from what was committed.
    const third = await service.ingest({ ...request });
    expect(third).toMatchObject({ handoffId: a.handoffId, duplicate: true });
    expect(flushes).toEqual([]);
  });

  test('a job that fails is rolled back alone; the rest of its batch commits and is routed', async () => {
    const fixed = createFixedEscalation();
    start({
      ...fixed,
      customerMessage(request, outcome, wait) {
        // Fails after the handoff row, its receipts and its offer were written inside the batch.
        if (request.customer.name === 'Boom') throw new Error('template exploded');
        return fixed.customerMessage(request, outcome, wait);
      },
    });
    const good = service.ingest(parsed());
    const bad = service.ingest(parsed({ customer: { id: 'c-boom', name: 'Boom', tier: 'standard' } }));
    const alsoGood = service.ingest(parsed());
    turn();
    await expect(bad).rejects.toThrow('template exploded');
    const answers = await Promise.all([good, alsoGood]);
    expect(countHandoffs(db)).toBe(2);
    const offered = pushed.filter((push) => push.event.kind === 'offer').map((push) => (push.event as Extract<HubEvent, { kind: 'offer' }>).handoff.id);
    expect(offered.sort()).toEqual(answers.map((answer) => answer.handoffId).sort());
    // The rolled-back offer's event is neither stored nor pushed, and the sequence has no gap.
    expect(pushed.filter((push) => push.agentId === 'ann').map((push) => push.seq)).toEqual(eventsAfter(db, 'ann', seqAtStart).map((event) => event.seq));
    // The router forgot the failed handoff: ann holds exactly the two stored offers.
    expect(service.router.agent('ann')!.offers.slice().sort()).toEqual(answers.map((answer) => answer.handoffId).sort());
  });

  test('a batch is bounded: the jobs beyond maxBatch are committed on the next turn', async () => {
    start(createFixedEscalation(), 2);
    const all = Promise.all([parsed(), parsed(), parsed()].map((request) => service.ingest(request)));
    turn();
    expect(countHandoffs(db)).toBe(2);
    turn();
    expect(countHandoffs(db)).toBe(3);
    expect((await all).every((answer) => !answer.duplicate)).toBe(true);
    expect(service.ingestCommitStats()).toEqual({ batches: 2, jobs: 3, largestBatch: 2 });
  });

  test('disposing the service commits the ingests already queued', async () => {
    start();
    const queued = service.ingest(parsed());
    service.dispose();
    expect(countHandoffs(db)).toBe(1);
    expect((await queued).duplicate).toBe(false);
    await expect(service.ingest(parsed())).rejects.toThrow(/closed/);
  });
});
