// Reports on a seeded store: several hundred handoffs written through the store's own functions
// (so the facts come from migration 0004's triggers), with the expected numbers computed here
// from the seed itself, not by SQL. A second store seeded before migration 0004 checks its backfill.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEEDBACK_GRADES, TRIGGERS, type FeedbackGrade, type Handoff, type HandoffStatus, type Trigger } from '../../shared/domain';
import { ReportRange, SupervisorReport } from '../../shared/supervision';
import { handoffRequest } from '../testing/handoff-requests';
import { makeTempDir, type TempDir } from '../testing/temp-dir';
import { openHubDatabase, type HubDatabase } from '../store/database';
import { insertHandoff, updateHandoff } from '../store/handoff-queries';
import { insertMessage, saveFeedback } from '../store/message-queries';
import { runMigrations } from '../store/migrator';
import { MIGRATIONS } from '../store/migrations';
import { insertReceipt } from '../store/receipt-queries';
import { computeReport, reportRows } from './supervisor-reports';

const DAY = 86_400_000;
const FROM = Date.parse('2026-03-01T00:00:00.000Z');
const TO = FROM + 10 * DAY;
const NOW = TO + DAY;
const QUEUES = ['general', 'billing', 'vip'];
const RULES = ['angry-customer', 'vip-fast-lane', 'billing-skill', 'after-hours'];

interface Seed {
  id: string;
  receivedAt: number;
  trigger: Trigger;
  queue: string;
  rules: string[];
  slaDeadline: number;
  acceptedAt: number | null;
  transfers: number;
  status: HandoffStatus;
  slaBreachedFlag: boolean;
  moodAtHandoff: number | null;
  moodLast: number | null;
  grade: FeedbackGrade | null;
  summaryAccurate: boolean | null;
  warranted: boolean | null;
}

/** A small deterministic PRNG (mulberry32) so the seed is the same on every run. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

function makeSeeds(count: number): Seed[] {
  const r = rng(7);
  return Array.from({ length: count }, (_, i) => {
    // Some fall outside the range on either side, so the filter is tested too.
    const receivedAt = FROM - DAY + r.int(0, 12 * DAY);
    const slaDeadline = receivedAt + r.pick([60_000, 120_000, 300_000]);
    const accepted = r.next() < 0.8;
    const acceptedAt = accepted ? receivedAt + r.int(500, 400_000) : null;
    const status: HandoffStatus = accepted ? r.pick(['resolved', 'resolved', 'accepted', 'transferred'] as const) : r.pick(['abandoned', 'queued'] as const);
    const grade = status === 'resolved' && r.next() < 0.7 ? r.pick(FEEDBACK_GRADES) : null;
    return {
      id: `h-${i}`,
      receivedAt,
      trigger: r.pick(TRIGGERS),
      queue: r.pick(QUEUES),
      rules: [...new Set([r.pick(RULES), ...(r.next() < 0.4 ? [r.pick(RULES)] : [])])],
      slaDeadline,
      acceptedAt,
      transfers: accepted && r.next() < 0.15 ? r.int(1, 2) : 0,
      status,
      slaBreachedFlag: !accepted && r.next() < 0.5,
      moodAtHandoff: r.next() < 0.85 ? Math.round((r.next() * 2 - 1) * 100) / 100 : null,
      moodLast: accepted && r.next() < 0.6 ? Math.round((r.next() * 2 - 1) * 100) / 100 : null,
      grade,
      summaryAccurate: grade && r.next() < 0.5 ? r.next() < 0.6 : null,
      warranted: grade && r.next() < 0.5 ? r.next() < 0.7 : null,
    };
  });
}

/** Writes one seed the way the hub does: insert, receipts, messages, status updates, feedback. */
function store(db: HubDatabase, seed: Seed): void {
  const base = handoffRequest();
  const handoff: Handoff = {
    id: seed.id,
    status: 'queued',
    priority: 'P3',
    queue: seed.queue,
    trigger: seed.trigger,
    receivedAt: new Date(seed.receivedAt).toISOString(),
    slaDeadline: new Date(seed.slaDeadline).toISOString(),
    customer: { ...base.customer, pastConversations: [], openItems: [] },
    conversation: { ...base.conversation, externalId: `ext-${seed.id}`, recentIntents: [], stepsTaken: [], collectedData: {}, failedAttempts: 0 },
    rules: seed.rules.map((ruleId) => ({ ruleId, reason: 'seeded' })),
    ...(seed.moodAtHandoff !== null ? { sentimentAtHandoff: { label: 'neutral' as const, score: seed.moodAtHandoff, source: 'test' } } : {}),
  };
  const stored = { handoff, eventId: `evt-${seed.id}`, skills: [], customerMessage: 'hi' };
  insertHandoff(db, stored, seed.receivedAt);
  insertReceipt(db, { handoffId: seed.id, stage: 'received', at: seed.receivedAt });
  insertReceipt(db, { handoffId: seed.id, stage: 'offered', agentId: 'a1', at: seed.receivedAt + 10 });
  if (seed.acceptedAt !== null) {
    insertReceipt(db, { handoffId: seed.id, stage: 'timed_out', agentId: 'a0', at: seed.acceptedAt - 5 });
    insertReceipt(db, { handoffId: seed.id, stage: 'accepted', agentId: 'a1', at: seed.acceptedAt });
    // A later re-acceptance (after a transfer) must not move the time to accept.
    for (let t = 0; t < seed.transfers; t++) {
      insertReceipt(db, { handoffId: seed.id, stage: 'transferred', agentId: 'a1', at: seed.acceptedAt + 1000 + t });
      insertReceipt(db, { handoffId: seed.id, stage: 'accepted', agentId: 'a2', at: seed.acceptedAt + 2000 + t });
    }
    updateHandoff(db, { ...stored, handoff: { ...handoff, status: 'accepted', assignedAgentId: 'a1' } }, seed.acceptedAt);
  }
  if (seed.moodLast !== null) {
    insertMessage(db, seed.id, { id: `${seed.id}-m1`, author: 'customer', text: 'earlier', at: new Date(seed.receivedAt + 1).toISOString(), sentiment: { label: 'neutral', score: 0.99, source: 't' } }, null);
    insertMessage(db, seed.id, { id: `${seed.id}-m2`, author: 'agent', text: 'reply', at: new Date(seed.receivedAt + 2).toISOString(), sentiment: { label: 'neutral', score: -0.99, source: 't' } }, 'a1');
    insertMessage(db, seed.id, { id: `${seed.id}-m3`, author: 'customer', text: 'latest', at: new Date(seed.receivedAt + 3).toISOString(), sentiment: { label: 'neutral', score: seed.moodLast, source: 't' } }, null);
  }
  const final = { ...handoff, status: seed.status, ...(seed.acceptedAt !== null ? { assignedAgentId: 'a1' } : {}), ...(seed.slaBreachedFlag ? { slaBreached: true } : {}) };
  updateHandoff(db, { ...stored, handoff: final }, seed.receivedAt + 500_000);
  if (seed.grade) {
    saveFeedback(
      db,
      {
        handoffId: seed.id,
        grade: seed.grade,
        ...(seed.summaryAccurate !== null ? { summaryAccurate: seed.summaryAccurate } : {}),
        ...(seed.warranted !== null ? { escalationWarranted: seed.warranted } : {}),
      },
      'a1',
      seed.receivedAt + 600_000,
    );
  }
}

// ---- the expected numbers, from the seeds alone

function nearestRank(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

const wholeSecondsMs = (seed: Seed) => Math.floor((seed.acceptedAt! - seed.receivedAt) / 1000) * 1000;

function slaOf(seed: Seed): 'met' | 'breached' | 'open' | 'none' {
  if (seed.acceptedAt !== null && seed.acceptedAt <= seed.slaDeadline && !seed.slaBreachedFlag) return 'met';
  if (seed.slaBreachedFlag || seed.acceptedAt !== null || (seed.slaDeadline < NOW && seed.status !== 'abandoned')) return 'breached';
  return seed.status === 'abandoned' ? 'none' : 'open';
}

function outcomeOf(seed: Seed): 'resolved' | 'transferred' | 'abandoned' | 'open' {
  if (seed.status === 'abandoned') return 'abandoned';
  if (seed.transfers > 0) return 'transferred';
  return seed.status === 'resolved' ? 'resolved' : 'open';
}

function summaryAccurate(seed: Seed): boolean | null {
  if (seed.summaryAccurate !== null) return seed.summaryAccurate;
  return seed.grade === 'summary_wrong' ? false : seed.grade === 'good_handoff' ? true : null;
}

function warranted(seed: Seed): boolean | null {
  if (seed.warranted !== null) return seed.warranted;
  if (seed.grade === 'should_have_been_automated') return false;
  return seed.grade === 'good_handoff' || seed.grade === 'escalated_too_late' ? true : null;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

let dir: TempDir;
const seeds = makeSeeds(600);
const inRange = seeds.filter((s) => s.receivedAt >= FROM && s.receivedAt < TO);
const range = ReportRange.parse({ from: new Date(FROM).toISOString(), to: new Date(TO).toISOString() });

beforeAll(() => {
  dir = makeTempDir();
});

afterAll(() => {
  dir.remove();
});

describe('supervisor reports', () => {
  let db: HubDatabase;
  let report: SupervisorReport;

  beforeAll(() => {
    db = openHubDatabase(dir.file('hub.sqlite'));
    db.transaction(() => seeds.forEach((seed) => store(db, seed)))();
    report = SupervisorReport.parse(computeReport(db, range, NOW));
  });

  afterAll(() => db.close());

  test('handoffs over time by trigger, in daily buckets over the range only', () => {
    expect(inRange.length).toBeGreaterThan(400);
    expect(inRange.length).toBeLessThan(seeds.length);
    expect(report.total).toBe(inRange.length);
    expect(report.bucketMs).toBe(DAY);
    expect(report.overTime).toHaveLength(10);
    for (const [i, bucket] of report.overTime.entries()) {
      for (const trigger of TRIGGERS) {
        const expected = inRange.filter((s) => s.trigger === trigger && Math.floor((s.receivedAt - FROM) / DAY) === i).length;
        expect(bucket.counts[trigger], `${bucket.bucketStart} ${trigger}`).toBe(expected);
      }
    }
  });

  test('time to accept p50/p90 by queue (first acceptance, whole seconds)', () => {
    const expected = QUEUES.map((queue) => {
      const times = inRange.filter((s) => s.queue === queue && s.acceptedAt !== null).map(wholeSecondsMs);
      return { queue, accepted: times.length, p50Ms: nearestRank(times, 50), p90Ms: nearestRank(times, 90) };
    }).sort((a, b) => a.queue.localeCompare(b.queue));
    expect(report.timeToAccept).toEqual(expected);
  });

  test('SLA attainment overall and per bucket', () => {
    const count = (kind: string) => inRange.filter((s) => slaOf(s) === kind).length;
    expect(report.sla).toEqual({ met: count('met'), breached: count('breached'), open: count('open'), attainment: count('met') / (count('met') + count('breached')) });
    expect(count('met')).toBeGreaterThan(0);
    expect(count('breached')).toBeGreaterThan(0);
    const day3 = inRange.filter((s) => Math.floor((s.receivedAt - FROM) / DAY) === 3);
    expect(report.slaOverTime[3]).toMatchObject({ met: day3.filter((s) => slaOf(s) === 'met').length, breached: day3.filter((s) => slaOf(s) === 'breached').length });
  });

  test('mood at handoff vs at resolution for resolved handoffs, overall and by trigger', () => {
    const rated = inRange.filter((s) => s.status === 'resolved' && s.moodAtHandoff !== null);
    const avg = (xs: number[]) => round3(xs.reduce((a, b) => a + b, 0) / xs.length);
    expect(report.mood.count).toBe(rated.length);
    expect(report.mood.atHandoff).toBeCloseTo(avg(rated.map((s) => s.moodAtHandoff!)), 3);
    expect(report.mood.atResolution).toBeCloseTo(avg(rated.map((s) => s.moodLast ?? s.moodAtHandoff!)), 3);
    for (const row of report.mood.byTrigger) {
      const mine = rated.filter((s) => s.trigger === row.trigger);
      expect(row.count).toBe(mine.length);
      expect(row.atResolution).toBeCloseTo(avg(mine.map((s) => s.moodLast ?? s.moodAtHandoff!)), 3);
    }
  });

  test('outcomes partition the handoffs', () => {
    const count = (kind: string) => inRange.filter((s) => outcomeOf(s) === kind).length;
    expect(report.outcomes).toEqual({ resolved: count('resolved'), transferred: count('transferred'), abandoned: count('abandoned'), open: count('open') });
  });

  test('rules report: fired, time to accept and what agents said', () => {
    for (const ruleId of RULES) {
      const fired = inRange.filter((s) => s.rules.includes(ruleId));
      const times = fired.filter((s) => s.acceptedAt !== null).map(wholeSecondsMs);
      const row = report.rules.find((r) => r.ruleId === ruleId)!;
      expect(row, ruleId).toEqual({
        ruleId,
        fired: fired.length,
        accepted: times.length,
        p50AcceptMs: nearestRank(times, 50),
        p90AcceptMs: nearestRank(times, 90),
        feedback: fired.filter((s) => summaryAccurate(s) !== null || warranted(s) !== null).length,
        summaryAccurate: fired.filter((s) => summaryAccurate(s) === true).length,
        summaryInaccurate: fired.filter((s) => summaryAccurate(s) === false).length,
        warranted: fired.filter((s) => warranted(s) === true).length,
        unwarranted: fired.filter((s) => warranted(s) === false).length,
      });
    }
    expect(report.rules.map((r) => r.fired)).toEqual([...report.rules.map((r) => r.fired)].sort((a, b) => b - a));
  });

  test('the rows behind the report page through every handoff in the range, oldest first', () => {
    const all = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const page = reportRows(db, range, offset, 128);
      all.push(...page.rows);
      offset = page.nextOffset;
    }
    expect(all.map((r) => r.handoffId)).toEqual([...inRange].sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id)).map((s) => s.id));
    const sample = inRange.find((s) => s.acceptedAt !== null && s.transfers > 0 && s.grade !== null) ?? inRange.find((s) => s.acceptedAt !== null)!;
    expect(all.find((r) => r.handoffId === sample.id)).toMatchObject({
      timeToAcceptMs: sample.acceptedAt! - sample.receivedAt,
      transfers: sample.transfers,
      missedOffers: 1,
      rules: expect.stringContaining(sample.rules[0]!),
      summaryAccurate: summaryAccurate(sample),
    });
  });
});

describe('migration 0004', () => {
  test('builds the facts of handoffs stored before it existed, the same as its triggers do', () => {
    const fresh = openHubDatabase(dir.file('fresh.sqlite'));
    fresh.transaction(() => seeds.forEach((seed) => store(fresh, seed)))();
    const viaTriggers = computeReport(fresh, range, NOW);
    fresh.close();

    const old = new Database(dir.file('old.sqlite'));
    runMigrations(old, MIGRATIONS, 3);
    old.transaction(() => seeds.forEach((seed) => store(old, seed)))();
    expect(runMigrations(old, MIGRATIONS)).toBe(4);
    const viaBackfill = computeReport(old, range, NOW);
    old.close();

    expect({ ...viaBackfill, queryMs: 0 }).toEqual({ ...viaTriggers, queryMs: 0 });
  });
});
