// Supervisor reports at scale: a hub database with 1,000,000 stored handoffs over a year (written
// through the real schema, so migration 0004's triggers build the facts as the hub would), then the
// full report (computeReport) over a week, a month and the whole year, one CSV page, and the cost
// of writing a handoff with the facts maintained. Baseline: the "handoffs over time by trigger"
// query answered the naive way, from the handoff documents (json_extract over the handoffs table).
import { TRIGGERS } from '../shared/domain';
import { REPORT_ROWS_PAGE } from '../shared/supervision';
import { openHubDatabase, type HubDatabase } from '../hub/store/database';
import { computeReport, reportRows } from '../hub/supervision/supervisor-reports';
import { makeTempDir } from '../hub/testing/temp-dir';
import { benchSize, entry, nowMs, type BenchEntry, type BenchSuite } from './bench-entry';
import { mulberry32 } from '../shared/seeded-random';

const DAY = 86_400_000;
const QUEUES = ['general', 'billing', 'technical', 'vip', 'retention', 'spanish'];
const RULES = ['angry-customer', 'vip-fast-lane', 'billing-skill', 'after-hours', 'repeat-failures', 'human-asked', 'tech-tier2', 'language-es'];
const GRADES = ['good_handoff', 'should_have_been_automated', 'escalated_too_late', 'summary_wrong', 'wrong_team'];

export interface SupervisorReportFigures {
  handoffs: number;
  /** Handoffs bulk-written per second (no fsync) with receipts, feedback and the facts the triggers keep. */
  seedPerSecond: number;
  databaseMb: number;
  weekReportMs: number;
  monthReportMs: number;
  yearReportMs: number;
  /** CPU time of the same (on a shared, busy machine wall time mostly measures waiting for a core). */
  yearReportCpuMs: number;
  /** The naive baseline over the same week: GROUP BY json_extract(document) over handoffs. */
  weekNaiveOverTimeMs: number;
  weekOverTimeMs: number;
  csvPageMs: number;
}

/** Deterministic pseudo-random numbers: the same database on every run. */
const random = mulberry32;

function seed(db: HubDatabase, count: number, end: number, days: number): void {
  const rnd = random(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const insertHandoff = db.prepare(
    `INSERT INTO handoffs (id, event_id, external_id, status, priority, queue, assigned_agent_id, received_at, sla_deadline, updated_at, document)
     VALUES (?, ?, ?, 'queued', ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const insertReceipt = db.prepare('INSERT INTO handoff_receipts (handoff_id, stage, agent_id, detail, at) VALUES (?, ?, ?, NULL, ?)');
  const finish = db.prepare('UPDATE handoffs SET status = ?, assigned_agent_id = ?, updated_at = ?, document = ? WHERE id = ?');
  const feedback = db.prepare('INSERT INTO handoff_feedback (handoff_id, agent_id, document, at) VALUES (?, ?, ?, ?)');
  const start = end - days * DAY;
  const batch = 20_000;
  for (let done = 0; done < count; done += batch) {
    db.transaction(() => {
      for (let i = done; i < Math.min(count, done + batch); i++) {
        const id = `h${i}`;
        const receivedAt = start + Math.floor((i / count) * days * DAY);
        const priority = pick(['P1', 'P2', 'P3', 'P3', 'P4']);
        const sla = receivedAt + pick([60_000, 120_000, 300_000, 900_000]);
        const rules = [pick(RULES), ...(rnd() < 0.3 ? [pick(RULES)] : [])].map((ruleId) => ({ ruleId, reason: 'bench' }));
        const handoff = { id, trigger: pick(TRIGGERS), rules, sentimentAtHandoff: { label: 'negative', score: Math.round((rnd() * 2 - 1) * 100) / 100, source: 'bench' } };
        const queue = pick(QUEUES);
        insertHandoff.run(id, `e${i}`, `x${i}`, priority, queue, receivedAt, sla, receivedAt, JSON.stringify({ handoff, skills: [], customerMessage: '' }));
        insertReceipt.run(id, 'offered', 'a1', receivedAt + 200);
        if (rnd() < 0.85) {
          const acceptedAt = receivedAt + Math.floor(rnd() * 300_000);
          insertReceipt.run(id, 'accepted', 'a1', acceptedAt);
          const status = rnd() < 0.9 ? 'resolved' : 'transferred';
          finish.run(status, 'a1', acceptedAt + 400_000, JSON.stringify({ handoff: { ...handoff, status }, skills: [], customerMessage: '' }), id);
          if (status === 'resolved' && rnd() < 0.4) feedback.run(id, 'a1', JSON.stringify({ handoffId: id, grade: pick(GRADES) }), acceptedAt + 400_000);
        } else if (rnd() < 0.5) {
          finish.run('abandoned', null, receivedAt + 600_000, JSON.stringify({ handoff: { ...handoff, status: 'abandoned', slaBreached: true }, skills: [], customerMessage: '' }), id);
        }
      }
    })();
  }
}

function time<T>(fn: () => T, repeat = 3): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const started = nowMs();
    fn();
    best = Math.min(best, nowMs() - started);
  }
  return best;
}

function cpuTime(fn: () => unknown): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export function measureSupervisorReports(options: { handoffs: number; days?: number }): SupervisorReportFigures {
  const days = options.days ?? 365;
  const dir = makeTempDir('baton-bench-supervisor-');
  const db = openHubDatabase(dir.file('hub.sqlite'));
  try {
    const end = Date.parse('2026-11-01T00:00:00.000Z');
    // Bulk loading is not what is measured here: skip the per-commit fsync the hub uses for real.
    db.pragma('synchronous = OFF');
    const seedStarted = nowMs();
    seed(db, options.handoffs, end, days);
    const seedMs = nowMs() - seedStarted;
    db.pragma('synchronous = FULL');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const range = (span: number) => ({ from: new Date(end - span).toISOString(), to: new Date(end).toISOString() });
    const week = range(7 * DAY);
    const weekParams = { from: end - 7 * DAY, to: end, bucket: DAY };
    return {
      handoffs: options.handoffs,
      seedPerSecond: Math.round(options.handoffs / (seedMs / 1000)),
      databaseMb: Math.round((pages * pageSize) / 2 ** 20),
      weekReportMs: time(() => computeReport(db, week, end)),
      monthReportMs: time(() => computeReport(db, range(30 * DAY), end)),
      yearReportMs: time(() => computeReport(db, range(days * DAY), end), 1),
      yearReportCpuMs: cpuTime(() => computeReport(db, range(days * DAY), end)),
      weekNaiveOverTimeMs: time(() =>
        db
          .prepare(
            `SELECT CAST((received_at - :from) / :bucket AS INTEGER) AS b, json_extract(document, '$.handoff.trigger') AS t, COUNT(*)
             FROM handoffs WHERE received_at >= :from AND received_at < :to GROUP BY b, t`,
          )
          .all(weekParams),
      ),
      weekOverTimeMs: time(() =>
        db
          .prepare(
            `SELECT CAST((received_at - :from) / :bucket AS INTEGER) AS b, trigger AS t, COUNT(*)
             FROM handoff_facts WHERE received_at >= :from AND received_at < :to GROUP BY b, t`,
          )
          .all(weekParams),
      ),
      csvPageMs: time(() => reportRows(db, week, 2 * REPORT_ROWS_PAGE)),
    };
  } finally {
    db.close();
    dir.remove();
  }
}

export const supervisorReportsSuite: BenchSuite = {
  name: 'supervisor-reports',
  async run(options): Promise<BenchEntry[]> {
    const f = measureSupervisorReports({ handoffs: benchSize(options, 'supervisor-handoffs', 20_000) });
    const n = `${f.handoffs} handoffs`;
    return [
      entry(`supervisor report, 7 days of ${n}`, 'ms', f.weekReportMs),
      entry(`supervisor report, 30 days of ${n}`, 'ms', f.monthReportMs),
      entry(`supervisor report, all 365 days of ${n}`, 'ms', f.yearReportMs),
      entry(`supervisor report, all 365 days of ${n} (CPU time)`, 'ms', f.yearReportCpuMs),
      entry(`handoffs over time by trigger, 7 days of ${n} (facts table)`, 'ms', f.weekOverTimeMs, { name: 'json_extract over handoffs', value: f.weekNaiveOverTimeMs }),
      entry(`CSV export page (${REPORT_ROWS_PAGE} rows), 7 days of ${n}`, 'ms', f.csvPageMs),
      entry(`handoffs bulk-written with facts maintained (${n}, no fsync)`, 'handoffs/s', f.seedPerSecond),
      entry(`hub database size with ${n}`, 'MiB', f.databaseMb),
    ];
  },
};
