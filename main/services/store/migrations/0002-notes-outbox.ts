// Offline-first notes and the outbox that carries every local change to the hub. A note row is
// written together with its outbox entry in one transaction, so a change can never be saved
// without also being queued for sync (or queued without being saved).
import type { Migration } from '../migration';

export const migration0002: Migration = {
  version: 2,
  name: 'notes-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE notes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('customer', 'handoff')),
        subject_id TEXT NOT NULL,
        author_id TEXT NOT NULL,
        body BLOB NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0,
        sync_status TEXT NOT NULL CHECK (sync_status IN ('pending', 'synced', 'failed')),
        sync_error TEXT,
        -- The hub version the local text descends from (null until the hub first answered).
        base_version INTEGER
      ) STRICT;
      CREATE INDEX notes_subject ON notes (subject_kind, subject_id, updated_at);

      -- Text the hub overwrote (another device's edit, or ours), so no edit is ever silently lost.
      CREATE TABLE note_revisions (
        note_id TEXT NOT NULL,
        hub_version INTEGER NOT NULL,
        body BLOB NOT NULL,
        kept_at INTEGER NOT NULL,
        PRIMARY KEY (note_id, hub_version)
      ) STRICT;

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('note_upsert', 'note_delete', 'reply')),
        target_id TEXT NOT NULL,
        payload BLOB NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_target ON outbox (target_id);

      CREATE TABLE drafts (
        handoff_id TEXT PRIMARY KEY,
        body BLOB NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
