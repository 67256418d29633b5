// Notes as rows: bodies sealed with AES-GCM, plain text only in the in-memory FTS index.
// Plain functions of the database in a small class, so statements are prepared once.
import type { LocalNote, NoteRevision, NoteSearchHit, NoteSyncStatus } from '../../../shared/api';
import type { Note, NoteSubject } from '../../../shared/domain';
import type { AtRestCipher } from './at-rest-cipher';
import { SNIPPET_SQL, toMatchExpression, toSegments, type SearchIndex } from './search-index';
import { tableIndexSource, type IndexSource } from './search-index-build';
import type { StoreDatabase } from './store-database';

interface NoteRow {
  seq: number;
  id: string;
  subject_kind: 'customer' | 'handoff';
  subject_id: string;
  author_id: string;
  body: Buffer;
  created_at: string;
  updated_at: string;
  deleted: number;
  sync_status: NoteSyncStatus;
  sync_error: string | null;
  base_version: number | null;
  revision_count: number;
}

export interface StoredNote extends LocalNote {
  deleted: boolean;
}

const bodyContext = (noteId: string) => `note:${noteId}:body`;
const revisionContext = (noteId: string, version: number) => `note:${noteId}:revision:${version}`;

export function subjectColumns(subject: NoteSubject): { kind: 'customer' | 'handoff'; id: string } {
  return subject.kind === 'customer' ? { kind: 'customer', id: subject.customerId } : { kind: 'handoff', id: subject.handoffId };
}

const SELECT_NOTE = `SELECT n.*, (SELECT count(*) FROM note_revisions r WHERE r.note_id = n.id) AS revision_count FROM notes n`;

export class NotesRepository {
  private readonly statements;

  constructor(
    private readonly store: StoreDatabase,
    private readonly cipher: AtRestCipher,
    private readonly index: SearchIndex,
  ) {
    const { db } = store;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO notes (id, subject_kind, subject_id, author_id, body, created_at, updated_at, sync_status)
         VALUES (@id, @kind, @subjectId, @authorId, @body, @createdAt, @updatedAt, 'pending')`,
      ),
      updateBody: db.prepare(`UPDATE notes SET body = ?, updated_at = ?, sync_status = 'pending', sync_error = NULL WHERE id = ?`),
      markDeleted: db.prepare(`UPDATE notes SET deleted = 1, updated_at = ?, sync_status = 'pending', sync_error = NULL WHERE id = ?`),
      byId: db.prepare(`${SELECT_NOTE} WHERE n.id = ?`),
      bySubject: db.prepare(`${SELECT_NOTE} WHERE n.subject_kind = ? AND n.subject_id = ? AND n.deleted = 0 ORDER BY n.created_at DESC, n.seq DESC`),
      extent: db.prepare(`SELECT coalesce(max(seq), 0) AS "end", count(*) AS total FROM notes`),
      indexPage: db.prepare(`SELECT seq, id, body, deleted FROM notes WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`).raw(),
      first: db.prepare(`SELECT id, body FROM notes ORDER BY seq LIMIT 1`),
      search: db.prepare(
        `SELECT n.*, (SELECT count(*) FROM note_revisions r WHERE r.note_id = n.id) AS revision_count,
                ${SNIPPET_SQL('notes_fts', 0)} AS snippet
           FROM search.notes_fts JOIN notes n ON n.seq = notes_fts.rowid
          WHERE notes_fts MATCH ? AND n.deleted = 0
          ORDER BY notes_fts.rank LIMIT ?`,
      ),
      setSync: db.prepare(`UPDATE notes SET sync_status = ?, sync_error = ? WHERE id = ?`),
      setBase: db.prepare(`UPDATE notes SET base_version = ? WHERE id = ?`),
      replaceFromHub: db.prepare(
        `UPDATE notes SET body = ?, updated_at = ?, deleted = ?, base_version = ?, sync_status = 'synced', sync_error = NULL WHERE id = ?`,
      ),
      insertFromHub: db.prepare(
        `INSERT INTO notes (id, subject_kind, subject_id, author_id, body, created_at, updated_at, deleted, sync_status, base_version)
         VALUES (@id, @kind, @subjectId, @authorId, @body, @createdAt, @updatedAt, @deleted, 'synced', @baseVersion)`,
      ),
      addRevision: db.prepare(`INSERT OR IGNORE INTO note_revisions (note_id, hub_version, body, kept_at) VALUES (?, ?, ?, ?)`),
      revisions: db.prepare(`SELECT hub_version, body, kept_at FROM note_revisions WHERE note_id = ? ORDER BY hub_version`),
      hardDelete: db.prepare(`DELETE FROM notes WHERE id = ?`),
      deleteRevisions: db.prepare(`DELETE FROM note_revisions WHERE note_id = ?`),
      purgeSyncedForSubject: db.prepare(
        `SELECT seq, id FROM notes WHERE subject_kind = ? AND subject_id = ? AND sync_status = 'synced'`,
      ),
    };
  }

  /** Feeds notes_fts from the sealed bodies after the store opened (search-index-build.ts). */
  indexSource(): IndexSource {
    type Row = [seq: number, id: string, body: Buffer, deleted: number];
    return tableIndexSource<Row>({
      index: 'notes_fts',
      searchIndex: this.index,
      extent: () => this.statements.extent.get() as { end: number; total: number },
      page: (after, end, limit) => this.statements.indexPage.all(after, end, limit) as Row[],
      seqOf: ([seq]) => seq,
      columnsOf: ([, id, body, deleted]) => (deleted ? null : [this.cipher.decrypt(body, bodyContext(id))]),
    });
  }

  /** Decrypts the first note, so a wrong key is refused when the store opens (not later, mid-build). */
  checkKey(): void {
    const row = this.statements.first.get() as { id: string; body: Buffer } | undefined;
    if (row) this.cipher.decrypt(row.body, bodyContext(row.id));
  }

  insert(note: Note): void {
    const { kind, id } = subjectColumns(note.subject);
    const info = this.statements.insert.run({
      id: note.id,
      kind,
      subjectId: id,
      authorId: note.authorId,
      body: this.cipher.encrypt(note.body, bodyContext(note.id)),
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
    });
    this.index.put('notes_fts', info.lastInsertRowid, note.body);
  }

  updateBody(noteId: string, body: string, updatedAt: string): void {
    this.statements.updateBody.run(this.cipher.encrypt(body, bodyContext(noteId)), updatedAt, noteId);
    const row = this.row(noteId);
    if (row) this.index.put('notes_fts', row.seq, body);
  }

  markDeleted(noteId: string, updatedAt: string): void {
    this.statements.markDeleted.run(updatedAt, noteId);
    const row = this.row(noteId);
    if (row) this.index.remove('notes_fts', row.seq);
  }

  get(noteId: string): StoredNote | null {
    const row = this.row(noteId);
    return row ? this.toNote(row) : null;
  }

  listBySubject(subject: NoteSubject): LocalNote[] {
    const { kind, id } = subjectColumns(subject);
    return this.store.measure('notes.listBySubject', () =>
      (this.statements.bySubject.all(kind, id) as NoteRow[]).map((row) => this.toNote(row)),
    );
  }

  search(query: string, limit: number): NoteSearchHit[] {
    const match = toMatchExpression(query);
    if (!match) return [];
    return this.store.measure('notes.search', () =>
      (this.statements.search.all(match, limit) as (NoteRow & { snippet: string })[]).map((row) => ({
        note: this.toNote(row),
        snippet: toSegments(row.snippet),
      })),
    );
  }

  setSyncStatus(noteId: string, status: NoteSyncStatus, error: string | null = null): void {
    this.statements.setSync.run(status, error, noteId);
  }

  setBaseVersion(noteId: string, version: number): void {
    this.statements.setBase.run(version, noteId);
  }

  /** Takes the hub's text as the local text (no local change is waiting for this note). */
  acceptFromHub(note: Note, hubVersion: number, deleted: boolean): void {
    const existing = this.row(note.id);
    const body = this.cipher.encrypt(note.body, bodyContext(note.id));
    if (existing) {
      this.statements.replaceFromHub.run(body, note.updatedAt, deleted ? 1 : 0, hubVersion, note.id);
      if (deleted) this.index.remove('notes_fts', existing.seq);
      else this.index.put('notes_fts', existing.seq, note.body);
      return;
    }
    const { kind, id } = subjectColumns(note.subject);
    const info = this.statements.insertFromHub.run({
      id: note.id,
      kind,
      subjectId: id,
      authorId: note.authorId,
      body,
      createdAt: note.createdAt,
      updatedAt: note.updatedAt,
      deleted: deleted ? 1 : 0,
      baseVersion: hubVersion,
    });
    if (!deleted) this.index.put('notes_fts', info.lastInsertRowid, note.body);
  }

  addRevision(noteId: string, hubVersion: number, body: string, keptAt: number): void {
    this.statements.addRevision.run(noteId, hubVersion, this.cipher.encrypt(body, revisionContext(noteId, hubVersion)), keptAt);
  }

  revisions(noteId: string): NoteRevision[] {
    return (this.statements.revisions.all(noteId) as { hub_version: number; body: Buffer; kept_at: number }[]).map((row) => ({
      noteId,
      hubVersion: row.hub_version,
      body: this.cipher.decrypt(row.body, revisionContext(noteId, row.hub_version)),
      keptAt: new Date(row.kept_at).toISOString(),
    }));
  }

  /** Removes a note for good (a synced deletion, or retention); pending notes are the caller's to protect. */
  hardDelete(noteId: string): void {
    const row = this.row(noteId);
    if (!row) return;
    this.index.remove('notes_fts', row.seq);
    this.statements.deleteRevisions.run(noteId);
    this.statements.hardDelete.run(noteId);
  }

  /** Drops synced notes about a purged subject; notes still waiting for the hub stay. */
  purgeSyncedForSubject(kind: 'customer' | 'handoff', subjectId: string): number {
    const rows = this.statements.purgeSyncedForSubject.all(kind, subjectId) as { id: string }[];
    for (const row of rows) this.hardDelete(row.id);
    return rows.length;
  }

  private row(noteId: string): NoteRow | undefined {
    return this.statements.byId.get(noteId) as NoteRow | undefined;
  }

  private toNote(row: NoteRow): StoredNote {
    const subject: NoteSubject =
      row.subject_kind === 'customer' ? { kind: 'customer', customerId: row.subject_id } : { kind: 'handoff', handoffId: row.subject_id };
    return {
      id: row.id,
      subject,
      body: this.cipher.decrypt(row.body, bodyContext(row.id)),
      authorId: row.author_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      syncStatus: row.sync_status,
      syncError: row.sync_error,
      hubVersion: row.base_version,
      revisionCount: row.revision_count,
      deleted: row.deleted === 1,
    };
  }
}
