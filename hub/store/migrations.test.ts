// Each migration on a real SQLite file: what it creates, that it keeps existing rows, and that the
// runner is transactional and refuses a schema newer than it knows.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir, type TempDir } from '../testing/temp-dir';
import { openHubDatabase } from './database';
import { MIGRATIONS } from './migrations';
import { runMigrations, schemaVersion, type Migration } from './migrator';

let dir: TempDir;
let db: Database.Database;

beforeEach(() => {
  dir = makeTempDir();
  db = new Database(dir.file('hub.sqlite'));
});

afterEach(() => {
  if (db.open) db.close();
  dir.remove();
});

function tables(): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((row) => row.name);
}

function columns(table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((row) => row.name);
}

describe('0001-initial', () => {
  test('creates agents, handoffs, receipts and the per-agent event log', () => {
    expect(runMigrations(db, MIGRATIONS, 1)).toBe(1);
    expect(tables()).toEqual(['agent_events', 'agents', 'handoff_receipts', 'handoffs']);
    expect(columns('agents')).toContain('token_hash');
    expect(columns('agents')).not.toContain('token');
    db.prepare("INSERT INTO agents (id, name, role, token_hash, created_at) VALUES ('a', 'A', 'agent', 'h', 1)").run();
    expect(() => db.prepare("INSERT INTO agents (id, name, role, token_hash, created_at) VALUES ('b', 'B', 'admin', 'h2', 1)").run()).toThrow(/CHECK/);
    const insert = db.prepare(
      "INSERT INTO handoffs (id, event_id, external_id, status, priority, queue, received_at, sla_deadline, updated_at, document) VALUES (?, 'e1', 'c1', 'queued', 'P3', 'general', 1, 2, 1, '{}')",
    );
    insert.run('h1');
    expect(() => insert.run('h2')).toThrow(/UNIQUE/); // same conversation + event: idempotency key
  });
});

describe('0002-messages-and-feedback', () => {
  test('adds message and feedback tables and keeps version-1 rows', () => {
    runMigrations(db, MIGRATIONS, 1);
    db.prepare("INSERT INTO agents (id, name, role, token_hash, created_at) VALUES ('a', 'A', 'agent', 'h', 1)").run();
    expect(runMigrations(db, MIGRATIONS, 2)).toBe(2);
    expect(tables()).toEqual(expect.arrayContaining(['handoff_messages', 'handoff_feedback']));
    expect(db.prepare('SELECT id FROM agents').all()).toEqual([{ id: 'a' }]);
    expect(columns('handoff_messages')).toEqual(['handoff_id', 'message_id', 'author', 'agent_id', 'text', 'at', 'document']);
  });
});

describe('0003-webhook-outbox', () => {
  test('adds the outbox with its delivery states', () => {
    runMigrations(db, MIGRATIONS, 2);
    expect(runMigrations(db, MIGRATIONS, 3)).toBe(3);
    db.prepare("INSERT INTO webhook_outbox (delivery_id, body, next_attempt_at, created_at) VALUES ('d1', '{}', 0, 0)").run();
    expect(db.prepare("SELECT state, attempts FROM webhook_outbox WHERE delivery_id = 'd1'").get()).toEqual({ state: 'pending', attempts: 0 });
    expect(() => db.prepare("UPDATE webhook_outbox SET state = 'lost'").run()).toThrow(/CHECK/);
  });
});

describe('the migration runner', () => {
  test('brings a new file to the latest version and is a no-op the second time', () => {
    expect(runMigrations(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    const before = tables();
    expect(runMigrations(db, MIGRATIONS)).toBe(MIGRATIONS.length);
    expect(tables()).toEqual(before);
  });

  test('a failing migration leaves the schema at the previous whole version', () => {
    runMigrations(db, MIGRATIONS);
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up(database) {
        database.exec('CREATE TABLE half_done (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => runMigrations(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables()).not.toContain('half_done');
  });

  test('refuses a database written by a newer hub, and misnumbered migrations', () => {
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    expect(() => runMigrations(db, MIGRATIONS)).toThrow(/newer than this hub knows/);
    const misnumbered: Migration = { version: 7, name: 'seven', up() {} };
    expect(() => runMigrations(db, [misnumbered])).toThrow(/expected 1/);
  });

  test('openHubDatabase uses WAL with full synchronous commits', () => {
    db.close();
    const hubDb = openHubDatabase(dir.file('opened.sqlite'));
    try {
      expect(hubDb.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(hubDb.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(schemaVersion(hubDb)).toBe(MIGRATIONS.length);
    } finally {
      hubDb.close();
    }
  });
});
