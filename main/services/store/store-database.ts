// The desktop's one SQLite file: WAL, synchronous=FULL (a note the UI calls "saved" survives a
// power cut, not only a crash), numbered migrations, and a slow-query log around every statement
// the repositories run. An in-memory database is attached as `search` for the full-text indexes,
// which hold plain text and therefore must never touch the disk (see docs/local-store.md).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../../../shared/clock';
import { systemClock } from '../../../shared/clock';
import type { Disposable } from '../../../shared/lifecycle';
import { runMigrations, type Migration } from './migration';
import { storeMigrations } from './migrations/all-migrations';
import { silentStoreLog, type StoreLog } from './store-log';

export const DEFAULT_SLOW_QUERY_MS = 25;
const SLOW_QUERY_MEMORY = 100;

export interface SlowQuery {
  label: string;
  ms: number;
  at: number;
}

export interface StoreDatabaseOptions {
  log?: StoreLog;
  clock?: Clock;
  /** Statements slower than this are logged; default 25 ms. */
  slowQueryMs?: number;
  migrations?: readonly Migration[];
  /** FULL by default; NORMAL survives process crashes but may lose the last commits on power loss. */
  synchronous?: 'FULL' | 'NORMAL';
}

export class StoreDatabase implements Disposable {
  readonly db: Database.Database;
  readonly clock: Clock;
  private readonly log: StoreLog;
  private readonly slowQueryMs: number;
  private readonly slow: SlowQuery[] = [];
  private closed = false;

  private constructor(db: Database.Database, options: StoreDatabaseOptions) {
    this.db = db;
    this.log = options.log ?? silentStoreLog;
    this.clock = options.clock ?? systemClock;
    this.slowQueryMs = options.slowQueryMs ?? DEFAULT_SLOW_QUERY_MS;
  }

  /** Opens (creating if needed) the store at `path` and migrates it; `:memory:` is allowed for tests. */
  static open(path: string, options: StoreDatabaseOptions = {}): StoreDatabase {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // Sorts and temporary indexes over the search tables handle plain text: keep them off the disk.
      db.pragma('temp_store = MEMORY');
      runMigrations(db, options.migrations ?? storeMigrations);
      db.exec("ATTACH DATABASE ':memory:' AS search");
    } catch (error) {
      db.close();
      throw error;
    }
    return new StoreDatabase(db, options);
  }

  /** Runs `work`, logging it when it takes longer than the slow-query threshold. */
  measure<T>(label: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      const ms = performance.now() - started;
      if (ms >= this.slowQueryMs) this.recordSlow(label, ms);
    }
  }

  /** A short write transaction, measured as one unit. */
  transaction<T>(label: string, work: () => T): T {
    return this.measure(label, () => this.db.transaction(work)());
  }

  slowQueries(): readonly SlowQuery[] {
    return this.slow;
  }

  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    // Folding the WAL back keeps the next start fast; a failure here loses nothing.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      this.log.warn('store: checkpoint on close failed', error);
    }
    this.db.close();
  }

  private recordSlow(label: string, ms: number): void {
    const entry = { label, ms: Math.round(ms * 100) / 100, at: this.clock.now() };
    this.slow.push(entry);
    if (this.slow.length > SLOW_QUERY_MEMORY) this.slow.shift();
    this.log.warn(`store: slow query ${label} took ${entry.ms} ms`, entry);
  }
}
