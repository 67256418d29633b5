// Ingest throughput with durable commits: signed POSTs from several concurrent senders, each
// answered 202 only after the hub committed. Baseline: raw better-sqlite3 inserts of the same JSON
// rows, one committed transaction per row, with the hub's own durability settings (WAL,
// synchronous=FULL) — the cost of the disk alone.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createHub } from '../hub/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { postSigned } from '../hub/testing/signed-post';
import { makeTempDir } from '../hub/testing/temp-dir';
import { benchSize, entry, nowMs, type BenchSuite } from './bench-entry';

const quietLog = { info() {}, warn() {}, error() {} };

export async function hubThroughput(count: number, senders: number): Promise<number> {
  const dir = makeTempDir('baton-bench-ingest-');
  const secret = randomBytes(16).toString('hex');
  const hub = await createHub({ port: 0, dbPath: dir.file('hub.sqlite'), secret, httpRateLimit: null, log: quietLog });
  try {
    const bodies = Array.from({ length: count }, () => handoffRequest());
    let next = 0;
    const started = nowMs();
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const answer = await postSigned(hub.url, '/api/v1/handoffs', body, { secret });
          if (answer.status !== 202) throw new Error(`hub answered ${answer.status}: ${answer.text}`);
        }
      }),
    );
    return count / ((nowMs() - started) / 1000);
  } finally {
    await hub.close();
    dir.remove();
  }
}

export function rawInsertThroughput(count: number): number {
  const dir = makeTempDir('baton-bench-raw-');
  const db = new Database(dir.file('raw.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE handoffs (id TEXT PRIMARY KEY, event_id TEXT UNIQUE, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO handoffs (id, event_id, body) VALUES (?, ?, ?)');
    const rows = Array.from({ length: count }, (_, i) => {
      const body = handoffRequest();
      return [`h${i}`, body.eventId, JSON.stringify(body)] as const;
    });
    const started = nowMs();
    for (const row of rows) insert.run(...row);
    return count / ((nowMs() - started) / 1000);
  } finally {
    db.close();
    dir.remove();
  }
}

export const ingestThroughputSuite: BenchSuite = {
  name: 'ingest throughput',
  async run(options) {
    const count = benchSize(options, 'ingest-handoffs', 200);
    const raw = rawInsertThroughput(count);
    const hub = await hubThroughput(count, 8);
    return [entry('ingest_throughput_durable', 'handoffs/s', hub, { name: 'raw better-sqlite3 inserts (WAL, synchronous=FULL)', value: raw })];
  },
};
