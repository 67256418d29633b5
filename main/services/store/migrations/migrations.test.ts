import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { currentSchemaVersion, MigrationError, runMigrations, type Migration } from '../migration';
import { storeMigrations } from './all-migrations';
import { migration0001 } from './0001-offline-cache';
import { migration0002 } from './0002-notes-outbox';
import { migration0003 } from './0003-handoff-events';
import { migration0004 } from './0004-reply-library';

const open: Database.Database[] = [];
function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  open.push(db);
  return db;
}
afterEach(() => {
  while (open.length) open.pop()!.close();
});

const tables = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((row) => row.name);

describe('store migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(storeMigrations.map((m) => m.version)).toEqual(storeMigrations.map((_, i) => i + 1));
  });

  it('0001 creates the offline cache tables and cascades messages with their handoff', () => {
    const db = memoryDb();
    runMigrations(db, [migration0001]);
    expect(currentSchemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['settings', 'customers', 'handoffs', 'messages']));
    db.prepare(`INSERT INTO handoffs (id, customer_id, status, priority, received_at, payload, cached_at) VALUES ('h', 'c', 'accepted', 'P1', 'x', x'00', 1)`).run();
    db.prepare(`INSERT INTO messages (handoff_id, id, ordinal, author, at, body) VALUES ('h', 'm', 1, 'customer', 'x', x'00')`).run();
    db.prepare(`DELETE FROM handoffs WHERE id = 'h'`).run();
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
  });

  it('0002 adds notes, revisions, outbox and drafts on top of 0001, with checked statuses', () => {
    const db = memoryDb();
    runMigrations(db, [migration0001]);
    runMigrations(db, [migration0001, migration0002]);
    expect(currentSchemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(expect.arrayContaining(['notes', 'note_revisions', 'outbox', 'drafts']));
    expect(() =>
      db.prepare(`INSERT INTO notes (id, subject_kind, subject_id, author_id, body, created_at, updated_at, sync_status) VALUES ('n', 'customer', 'c', 'a', x'00', 'x', 'x', 'sent')`).run(),
    ).toThrow(/CHECK constraint/);
    const insert = db.prepare(`INSERT INTO outbox (change_id, kind, target_id, payload, status, created_at) VALUES (?, 'note_upsert', 'n', x'00', 'pending', 1)`);
    insert.run('c1');
    expect(() => insert.run('c1')).toThrow(/UNIQUE/);
  });

  it('0003 makes the handoff event log append-only', () => {
    const db = memoryDb();
    runMigrations(db, [migration0001, migration0002, migration0003]);
    expect(currentSchemaVersion(db)).toBe(3);
    db.prepare(`INSERT INTO handoff_events (handoff_id, kind, at) VALUES ('h', 'accepted', 1)`).run();
    expect(() => db.prepare(`UPDATE handoff_events SET kind = 'resolved'`).run()).toThrow(/append-only/);
  });

  it('0004 adds the reply library tables on top of 0003, with checked origins and counts', () => {
    const db = memoryDb();
    runMigrations(db, [migration0001, migration0002, migration0003]);
    runMigrations(db, [migration0001, migration0002, migration0003, migration0004]);
    expect(currentSchemaVersion(db)).toBe(4);
    expect(tables(db)).toEqual(expect.arrayContaining(['reply_macros', 'reply_hidden', 'reply_usage']));
    const insert = db.prepare(`INSERT INTO reply_macros (id, origin, body, created_at, updated_at) VALUES (?, ?, x'00', 1, 1)`);
    insert.run('team-1', 'team');
    expect(() => insert.run('d-1', 'default')).toThrow(/CHECK constraint/);
    expect(() => insert.run('team-1', 'agent')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare(`INSERT INTO reply_usage (reply_id, uses, last_used_at) VALUES ('r', -1, 1)`).run()).toThrow(/CHECK constraint/);
  });

  it('is a no-op when already current', () => {
    const db = memoryDb();
    expect(runMigrations(db, storeMigrations)).toEqual([1, 2, 3, 4]);
    expect(runMigrations(db, storeMigrations)).toEqual([]);
  });

  it('rolls a failing migration back entirely, leaving the previous version', () => {
    const db = memoryDb();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(target) {
        target.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('disk full');
      },
    };
    expect(() => runMigrations(db, [migration0001, broken])).toThrow('disk full');
    expect(currentSchemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
  });

  it('refuses a database written by a newer Baton', () => {
    const db = memoryDb();
    db.pragma('user_version = 9');
    expect(() => runMigrations(db, storeMigrations)).toThrow(MigrationError);
  });

  it('refuses gaps in the numbering', () => {
    const db = memoryDb();
    expect(() => runMigrations(db, [migration0001, migration0003])).toThrow(/numbered/);
  });
});
