// Hub-side durable notes (issue 4). Desktops send every local change with a client-generated
// changeId; the hub applies each changeId once, numbers changes in one hub-wide order (the
// version), and on conflict lets the last writer in that order win while keeping the text it
// overwrote as a revision, so an edit made on another device is never silently lost.
//
// Self-contained: the module owns its tables (created idempotently on first use) and is called by
// the gateway for `note_sync` and `note_pull` frames.
import type { Clock } from '../../shared/clock';
import type { NoteSubject } from '../../shared/domain';
import type { HubNoteState, NotePullResult, NoteSyncChange, NoteSyncOutcome, NoteSyncResult } from '../../shared/hub-protocol';
import { BatonError, type ErrorCode } from '../../shared/result';
import type { HubDatabase } from '../store/database';

/** Who sends the change, as far as notes care. */
export interface NoteWriter {
  id: string;
  role: 'agent' | 'supervisor';
}

/** Largest JSON size of one pull page; keeps the result frame far below MAX_FRAME_BYTES (256 KiB). */
const PULL_PAGE_BYTES = 160_000;
const PULL_PAGE_NOTES = 500;

export function ensureHubNotesSchema(db: HubDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS hub_notes (
      id TEXT PRIMARY KEY,
      subject_kind TEXT NOT NULL,
      subject_id TEXT NOT NULL,
      author_id TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX IF NOT EXISTS hub_notes_author_version ON hub_notes (author_id, version);

    CREATE TABLE IF NOT EXISTS hub_note_revisions (
      note_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      body TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      replaced_by_version INTEGER NOT NULL,
      -- 1 when the writer had not seen this text (a concurrent edit from another device).
      concurrent INTEGER NOT NULL,
      PRIMARY KEY (note_id, version)
    ) STRICT;

    CREATE TABLE IF NOT EXISTS hub_note_changes (
      change_id TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL,
      note_id TEXT NOT NULL,
      op TEXT NOT NULL,
      hub_version INTEGER NOT NULL,
      revision_kept INTEGER,
      applied_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE IF NOT EXISTS hub_note_clock (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL
    ) STRICT;
    INSERT OR IGNORE INTO hub_note_clock (id, version) VALUES (1, 0);
  `);
}

interface HubNoteRow {
  id: string;
  subject_kind: 'customer' | 'handoff';
  subject_id: string;
  author_id: string;
  body: string;
  created_at: string;
  updated_at: string;
  deleted: number;
  version: number;
}

export interface HubNoteRevision {
  noteId: string;
  version: number;
  body: string;
  replacedByVersion: number;
  concurrent: boolean;
}

function subjectOf(row: HubNoteRow): NoteSubject {
  return row.subject_kind === 'customer' ? { kind: 'customer', customerId: row.subject_id } : { kind: 'handoff', handoffId: row.subject_id };
}

function toState(row: HubNoteRow): HubNoteState {
  return {
    note: { id: row.id, subject: subjectOf(row), body: row.body, authorId: row.author_id, createdAt: row.created_at, updatedAt: row.updated_at },
    hubVersion: row.version,
    deleted: row.deleted === 1,
  };
}

export class HubNotes {
  private readonly statements;

  constructor(
    private readonly db: HubDatabase,
    private readonly clock: Clock,
  ) {
    ensureHubNotesSchema(db);
    this.statements = {
      change: db.prepare(`SELECT * FROM hub_note_changes WHERE change_id = ?`),
      note: db.prepare(`SELECT * FROM hub_notes WHERE id = ?`),
      tick: db.prepare(`UPDATE hub_note_clock SET version = version + 1 WHERE id = 1 RETURNING version`),
      keepRevision: db.prepare(
        `INSERT OR IGNORE INTO hub_note_revisions (note_id, version, body, updated_at, replaced_by_version, concurrent) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      upsert: db.prepare(
        `INSERT INTO hub_notes (id, subject_kind, subject_id, author_id, body, created_at, updated_at, deleted, version)
         VALUES (@id, @subjectKind, @subjectId, @authorId, @body, @createdAt, @updatedAt, @deleted, @version)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, deleted = excluded.deleted, version = excluded.version`,
      ),
      recordChange: db.prepare(
        `INSERT INTO hub_note_changes (change_id, agent_id, note_id, op, hub_version, revision_kept, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      pull: db.prepare(`SELECT * FROM hub_notes WHERE author_id = ? AND version > ? ORDER BY version LIMIT ?`),
      revisions: db.prepare(`SELECT * FROM hub_note_revisions WHERE note_id = ? ORDER BY version`),
    };
  }

  /**
   * Applies a batch in order, in one transaction (one durable commit for the whole frame); a change
   * that is refused is answered with its error and does not stop the ones after it.
   */
  applyBatch(writer: NoteWriter, changes: readonly NoteSyncChange[]): NoteSyncResult {
    return this.db.transaction((): NoteSyncResult => {
      const outcomes: NoteSyncOutcome[] = [];
      for (const change of changes) {
        try {
          // A nested transaction is a savepoint: a refused change leaves no trace.
          outcomes.push({ ok: true, changeId: change.changeId, ...this.db.transaction(() => this.apply(writer, change))() });
        } catch (error) {
          if (!(error instanceof BatonError)) throw error;
          outcomes.push({ ok: false, changeId: change.changeId, error: { code: error.code as ErrorCode, message: error.message } });
        }
      }
      return { outcomes };
    })();
  }

  /** Applies one change exactly once; a repeated changeId answers what the first application answered. */
  private apply(writer: NoteWriter, change: NoteSyncChange): Omit<Extract<NoteSyncOutcome, { ok: true }>, 'ok' | 'changeId'> {
    const seen = this.statements.change.get(change.changeId) as
      | { agent_id: string; note_id: string; hub_version: number; revision_kept: number | null }
      | undefined;
    if (seen) {
      if (seen.agent_id !== writer.id || seen.note_id !== change.note.id) {
        throw new BatonError('conflict', `changeId ${change.changeId} was already used for another change`);
      }
      return { noteId: seen.note_id, hubVersion: seen.hub_version, duplicate: true, revisionKept: seen.revision_kept };
    }

    const current = this.statements.note.get(change.note.id) as HubNoteRow | undefined;
    this.authorize(writer, change, current);
    const { version } = this.statements.tick.get() as { version: number };

    let revisionKept: number | null = null;
    if (current) {
      const concurrent = current.version !== this.baseOf(change);
      const textChanges = change.op === 'delete' || current.body !== change.note.body || current.deleted === 1;
      // Every text that is replaced is kept; "revisionKept" tells the writer it replaced text it had not seen.
      if (textChanges) this.statements.keepRevision.run(current.id, current.version, current.body, current.updated_at, version, concurrent ? 1 : 0);
      if (concurrent && textChanges) revisionKept = current.version;
    }

    const subject = change.note.subject.kind === 'customer' ? change.note.subject.customerId : change.note.subject.handoffId;
    this.statements.upsert.run({
      id: change.note.id,
      subjectKind: change.note.subject.kind,
      subjectId: subject,
      authorId: current?.author_id ?? change.note.authorId,
      body: change.op === 'delete' && current ? current.body : change.note.body,
      createdAt: current?.created_at ?? change.note.createdAt,
      updatedAt: change.note.updatedAt,
      deleted: change.op === 'delete' ? 1 : 0,
      version,
    });
    this.statements.recordChange.run(change.changeId, writer.id, change.note.id, change.op, version, revisionKept, this.clock.now());
    return { noteId: change.note.id, hubVersion: version, duplicate: false, revisionKept };
  }

  /** The version the writer's text descends from: given, or that of the earlier change it follows. */
  private baseOf(change: NoteSyncChange): number | null {
    if (change.followsChangeId === undefined) return change.baseVersion;
    const earlier = this.statements.change.get(change.followsChangeId) as { note_id: string; hub_version: number } | undefined;
    return earlier && earlier.note_id === change.note.id ? earlier.hub_version : change.baseVersion;
  }

  /** This agent's notes changed after `afterVersion`, oldest first, one frame-sized page at a time. */
  pull(writer: NoteWriter, afterVersion: number): NotePullResult {
    const rows = this.statements.pull.all(writer.id, afterVersion, PULL_PAGE_NOTES + 1) as HubNoteRow[];
    const notes: HubNoteState[] = [];
    let bytes = 0;
    for (const row of rows.slice(0, PULL_PAGE_NOTES)) {
      const state = toState(row);
      bytes += JSON.stringify(state).length;
      if (notes.length > 0 && bytes > PULL_PAGE_BYTES) break;
      notes.push(state);
    }
    const latestVersion = notes.at(-1)?.hubVersion ?? afterVersion;
    return { notes, latestVersion, more: notes.length < rows.length };
  }

  get(noteId: string): HubNoteState | null {
    const row = this.statements.note.get(noteId) as HubNoteRow | undefined;
    return row ? toState(row) : null;
  }

  revisions(noteId: string): HubNoteRevision[] {
    return (this.statements.revisions.all(noteId) as { note_id: string; version: number; body: string; replaced_by_version: number; concurrent: number }[]).map(
      (row) => ({ noteId: row.note_id, version: row.version, body: row.body, replacedByVersion: row.replaced_by_version, concurrent: row.concurrent === 1 }),
    );
  }

  private authorize(writer: NoteWriter, change: NoteSyncChange, current: HubNoteRow | undefined): void {
    if (writer.role === 'supervisor') return;
    const owner = current?.author_id ?? change.note.authorId;
    if (owner !== writer.id) throw new BatonError('forbidden', `note ${change.note.id} belongs to another agent`);
  }
}
