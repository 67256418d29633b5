// The numbers that tune the escalation rules, computed by SQL over handoff_facts and
// handoff_rule_facts (migration 0004): both are clustered by received_at, so a date range is one
// contiguous scan that never touches the handoff documents. Percentiles are exact at whole-second
// resolution: the database groups accept times by second and the nearest-rank percentile is read
// off those counts, so a million handoffs never cross into JavaScript one by one.
import { TRIGGERS, type Trigger } from '../../shared/domain';
import {
  REPORT_ROWS_PAGE,
  type ReportRange,
  type ReportRow,
  type ReportRowsPage,
  type SupervisorReport,
} from '../../shared/supervision';
import type { HubDatabase } from '../store/database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Hours for up to two days, days up to about two months, weeks beyond. */
export function bucketFor(rangeMs: number): number {
  if (rangeMs <= 2 * DAY) return HOUR;
  if (rangeMs <= 62 * DAY) return DAY;
  return 7 * DAY;
}

/** Nearest-rank percentile (p in 0..100) over values given as (value, count) pairs sorted by value. */
export function percentileOfCounts(counts: readonly { value: number; count: number }[], p: number): number | null {
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const entry of counts) {
    seen += entry.count;
    if (seen >= rank) return entry.value;
  }
  return counts[counts.length - 1]!.value;
}

/** How the SLA of one handoff came out, in SQL (uses :now). */
const SLA_OUTCOME = `CASE
  WHEN accepted_at IS NOT NULL AND accepted_at <= sla_deadline AND sla_breached = 0 THEN 'met'
  WHEN sla_breached = 1 OR accepted_at IS NOT NULL OR (sla_deadline < :now AND status <> 'abandoned') THEN 'breached'
  WHEN status = 'abandoned' THEN 'none'
  ELSE 'open' END`;

/** One outcome per handoff: abandoned, else transferred (at least once), else resolved, else open. */
const OUTCOME = `CASE
  WHEN status = 'abandoned' THEN 'abandoned'
  WHEN transfers > 0 THEN 'transferred'
  WHEN status = 'resolved' THEN 'resolved'
  ELSE 'open' END`;

const RANGE = 'received_at >= :from AND received_at < :to';

export function computeReport(db: HubDatabase, range: ReportRange, now: number): SupervisorReport {
  const started = performance.now();
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const bucketMs = bucketFor(to - from);
  const params = { from, to, now, bucket: bucketMs };

  // One pass for everything that groups by time bucket, trigger and outcome.
  const grouped = db
    .prepare(
      `SELECT CAST((received_at - :from) / :bucket AS INTEGER) AS b, trigger, ${SLA_OUTCOME} AS sla, ${OUTCOME} AS outcome, COUNT(*) AS n,
         SUM(status = 'resolved' AND mood_at_handoff IS NOT NULL) AS moodN,
         SUM(CASE WHEN status = 'resolved' THEN mood_at_handoff END) AS moodStart,
         SUM(CASE WHEN status = 'resolved' AND mood_at_handoff IS NOT NULL THEN COALESCE(mood_last, mood_at_handoff) END) AS moodEnd
       FROM handoff_facts WHERE ${RANGE} GROUP BY b, trigger, sla, outcome`,
    )
    .all(params) as { b: number; trigger: Trigger; sla: string; outcome: string; n: number; moodN: number; moodStart: number | null; moodEnd: number | null }[];

  const bucketCount = Math.ceil((to - from) / bucketMs);
  const overTime = Array.from({ length: bucketCount }, (_, i) => ({
    bucketStart: new Date(from + i * bucketMs).toISOString(),
    counts: Object.fromEntries(TRIGGERS.map((t) => [t, 0])) as Record<Trigger, number>,
  }));
  const slaOverTime = overTime.map((bucket) => ({ bucketStart: bucket.bucketStart, met: 0, breached: 0 }));
  const sla = { met: 0, breached: 0, open: 0 };
  const outcomes = { resolved: 0, transferred: 0, abandoned: 0, open: 0 };
  const mood = new Map<Trigger, { n: number; start: number; end: number }>();
  let total = 0;
  for (const row of grouped) {
    total += row.n;
    const bucket = overTime[row.b];
    if (bucket && row.trigger in bucket.counts) bucket.counts[row.trigger] += row.n;
    if (row.sla === 'met' || row.sla === 'breached' || row.sla === 'open') sla[row.sla] += row.n;
    if (row.sla === 'met' || row.sla === 'breached') {
      const slaBucket = slaOverTime[row.b];
      if (slaBucket) slaBucket[row.sla] += row.n;
    }
    outcomes[row.outcome as keyof typeof outcomes] += row.n;
    if (row.moodN > 0) {
      const m = mood.get(row.trigger) ?? { n: 0, start: 0, end: 0 };
      m.n += row.moodN;
      m.start += row.moodStart ?? 0;
      m.end += row.moodEnd ?? 0;
      mood.set(row.trigger, m);
    }
  }

  const acceptRows = db
    .prepare(
      `SELECT queue, CAST((accepted_at - received_at) / 1000 AS INTEGER) AS s, COUNT(*) AS n FROM handoff_facts
       WHERE ${RANGE} AND accepted_at IS NOT NULL GROUP BY queue, s ORDER BY queue, s`,
    )
    .all({ from, to }) as { queue: string; s: number; n: number }[];
  const timeToAccept = [...groupCounts(acceptRows, (row) => row.queue)].map(([queue, counts]) => ({
    queue,
    accepted: counts.reduce((sum, c) => sum + c.count, 0),
    p50Ms: msOf(percentileOfCounts(counts, 50)),
    p90Ms: msOf(percentileOfCounts(counts, 90)),
  }));

  const ruleTotals = db
    .prepare(
      `SELECT rule_id AS ruleId, COUNT(*) AS fired, COUNT(accepted_at) AS accepted,
         SUM(summary_accurate IS NOT NULL OR escalation_warranted IS NOT NULL) AS feedback,
         SUM(summary_accurate = 1) AS summaryAccurate, SUM(summary_accurate = 0) AS summaryInaccurate,
         SUM(escalation_warranted = 1) AS warranted, SUM(escalation_warranted = 0) AS unwarranted
       FROM handoff_rule_facts WHERE ${RANGE} GROUP BY rule_id ORDER BY fired DESC, rule_id`,
    )
    .all({ from, to }) as {
    ruleId: string;
    fired: number;
    accepted: number;
    feedback: number;
    summaryAccurate: number;
    summaryInaccurate: number;
    warranted: number;
    unwarranted: number;
  }[];
  const ruleAccept = groupCounts(
    db
      .prepare(
        `SELECT rule_id AS ruleId, CAST((accepted_at - received_at) / 1000 AS INTEGER) AS s, COUNT(*) AS n FROM handoff_rule_facts
         WHERE ${RANGE} AND accepted_at IS NOT NULL GROUP BY rule_id, s ORDER BY rule_id, s`,
      )
      .all({ from, to }) as { ruleId: string; s: number; n: number }[],
    (row) => row.ruleId,
  );
  const rules = ruleTotals.map((rule) => {
    const counts = ruleAccept.get(rule.ruleId) ?? [];
    return {
      ...rule,
      feedback: rule.feedback ?? 0,
      summaryAccurate: rule.summaryAccurate ?? 0,
      summaryInaccurate: rule.summaryInaccurate ?? 0,
      warranted: rule.warranted ?? 0,
      unwarranted: rule.unwarranted ?? 0,
      p50AcceptMs: msOf(percentileOfCounts(counts, 50)),
      p90AcceptMs: msOf(percentileOfCounts(counts, 90)),
    };
  });

  let moodN = 0;
  let moodStart = 0;
  let moodEnd = 0;
  const byTrigger = TRIGGERS.filter((trigger) => mood.has(trigger)).map((trigger) => {
    const m = mood.get(trigger)!;
    moodN += m.n;
    moodStart += m.start;
    moodEnd += m.end;
    return { trigger, count: m.n, atHandoff: clampScore(m.start / m.n), atResolution: clampScore(m.end / m.n) };
  });

  const judged = sla.met + sla.breached;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucketMs,
    total,
    overTime,
    timeToAccept,
    sla: { ...sla, attainment: judged === 0 ? null : sla.met / judged },
    slaOverTime,
    mood: {
      count: moodN,
      atHandoff: moodN === 0 ? null : clampScore(moodStart / moodN),
      atResolution: moodN === 0 ? null : clampScore(moodEnd / moodN),
      byTrigger,
    },
    outcomes,
    rules,
    queryMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

interface FactRow {
  handoff_id: string;
  received_at: number;
  trigger: Trigger;
  queue: string;
  priority: ReportRow['priority'];
  status: ReportRow['status'];
  sla_deadline: number;
  sla_breached: number;
  accepted_at: number | null;
  finished_at: number | null;
  transfers: number;
  missed_offers: number;
  mood_at_handoff: number | null;
  mood_last: number | null;
  grade: string | null;
  summary_accurate: number | null;
  escalation_warranted: number | null;
  agent_id: string | null;
  rules: string | null;
}

/** The rows behind a report, oldest first, one page at a time (for the CSV export). */
export function reportRows(db: HubDatabase, range: ReportRange, offset: number, limit = REPORT_ROWS_PAGE): ReportRowsPage {
  const rows = db
    .prepare(
      `SELECT f.*, (SELECT group_concat(rule_id, ' ') FROM handoff_rule_facts r WHERE r.handoff_id = f.handoff_id) AS rules
       FROM handoff_facts f WHERE ${RANGE} ORDER BY received_at, handoff_id LIMIT :limit OFFSET :offset`,
    )
    .all({ from: Date.parse(range.from), to: Date.parse(range.to), limit: limit + 1, offset }) as FactRow[];
  const more = rows.length > limit;
  return {
    rows: rows.slice(0, limit).map((row) => ({
      handoffId: row.handoff_id,
      receivedAt: iso(row.received_at),
      trigger: row.trigger,
      queue: row.queue,
      priority: row.priority,
      status: row.status,
      rules: row.rules ?? '',
      slaDeadline: iso(row.sla_deadline),
      slaBreached: row.sla_breached === 1,
      acceptedAt: row.accepted_at === null ? null : iso(row.accepted_at),
      timeToAcceptMs: row.accepted_at === null ? null : row.accepted_at - row.received_at,
      finishedAt: row.finished_at === null ? null : iso(row.finished_at),
      transfers: row.transfers,
      missedOffers: row.missed_offers,
      moodAtHandoff: row.mood_at_handoff,
      moodAtEnd: row.mood_last ?? row.mood_at_handoff,
      grade: row.grade,
      summaryAccurate: row.summary_accurate === null ? null : row.summary_accurate === 1,
      escalationWarranted: row.escalation_warranted === null ? null : row.escalation_warranted === 1,
      agentId: row.agent_id,
    })),
    nextOffset: more ? offset + limit : null,
  };
}

function groupCounts<R extends { s: number; n: number }>(rows: readonly R[], key: (row: R) => string): Map<string, { value: number; count: number }[]> {
  const groups = new Map<string, { value: number; count: number }[]>();
  for (const row of rows) {
    const k = key(row);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push({ value: Math.max(0, row.s), count: row.n });
  }
  return groups;
}

function msOf(seconds: number | null): number | null {
  return seconds === null ? null : seconds * 1000;
}

function clampScore(value: number): number {
  return Math.max(-1, Math.min(1, Math.round(value * 1000) / 1000));
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
