// Opens the hub's SQLite file with the settings the hub's promises depend on, then brings its schema
// up to date. WAL lets readers (health checks, supervisors' queries) run beside the single writer.
// synchronous=FULL: the hub answers 202 only after a handoff is committed, and that answer tells the
// bot platform it may forget the request. NORMAL survives a process crash but can lose the last
// commits on power loss; FULL fsyncs the WAL at each commit so a 202 survives both. The cost is
// measured in bench/ (ingest throughput with durable commits).
import Database from 'better-sqlite3';
import { runMigrations } from './migrator';
import { MIGRATIONS } from './migrations';

export type HubDatabase = Database.Database;

export function openHubDatabase(path: string): HubDatabase {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    runMigrations(db, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
