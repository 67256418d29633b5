// Offline-first notes: every create, edit and delete commits the note and its outbox entry in one
// transaction, and only then is the note reported (and shown) as saved. Sync is somebody else's
// job (main/services/sync); this service only queues.
import { randomUUID } from 'node:crypto';
import type { LocalNote, NoteRevision, NoteSearchHit, NoteSearchResults } from '../../../shared/api';
import type { Note, NoteSubject } from '../../../shared/domain';
import { BatonError } from '../../../shared/result';
import type { LocalStore } from './local-store';
import { subjectColumns } from './notes-repository';

export interface NoteChange {
  note: LocalNote;
  deleted: boolean;
}

export interface NotesServiceOptions {
  /** Who writes the notes; the last agent id the hub confirmed. */
  authorId: () => string;
  /** Called after each committed change (to push 'notes:changed'). */
  onChanged?: (change: NoteChange) => void;
  /** Called after a change was queued in the outbox (to wake the sync). */
  onQueued?: () => void;
}

export class NotesService {
  constructor(
    private readonly store: LocalStore,
    private readonly options: NotesServiceOptions,
  ) {}

  create(subject: NoteSubject, body: string): LocalNote {
    const now = new Date(this.store.clock.now()).toISOString();
    const note: Note = { id: randomUUID(), subject, body, authorId: this.options.authorId(), createdAt: now, updatedAt: now };
    const saved = this.store.transaction('notes.create', () => {
      this.store.notes.insert(note);
      this.store.outbox.enqueue('note_upsert', note.id, { note });
      this.logEvent(subject, 'note_added', note.id);
      return this.store.notes.get(note.id)!;
    });
    return this.committed(saved, false);
  }

  update(noteId: string, body: string): LocalNote {
    const saved = this.store.transaction('notes.update', () => {
      const existing = this.live(noteId);
      const updatedAt = new Date(this.store.clock.now()).toISOString();
      this.store.notes.updateBody(noteId, body, updatedAt);
      const note: Note = { ...toNote(existing), body, updatedAt };
      this.store.outbox.enqueue('note_upsert', noteId, { note });
      this.logEvent(existing.subject, 'note_edited', noteId);
      return this.store.notes.get(noteId)!;
    });
    return this.committed(saved, false);
  }

  delete(noteId: string): void {
    const saved = this.store.transaction('notes.delete', () => {
      const existing = this.live(noteId);
      const updatedAt = new Date(this.store.clock.now()).toISOString();
      this.store.notes.markDeleted(noteId, updatedAt);
      this.store.outbox.enqueue('note_delete', noteId, { note: { ...toNote(existing), updatedAt } });
      this.logEvent(existing.subject, 'note_deleted', noteId);
      return this.store.notes.get(noteId)!;
    });
    this.committed(saved, true);
  }

  get(noteId: string): LocalNote | null {
    const note = this.store.notes.get(noteId);
    return note && !note.deleted ? stripDeleted(note) : null;
  }

  list(subject: NoteSubject): LocalNote[] {
    return this.store.notes.listBySubject(subject);
  }

  search(query: string, limit: number): NoteSearchHit[] {
    return this.store.notes.search(query, limit);
  }

  /** The hits so far, and how far the index is built while it still is (the UI says so). */
  searchWithIndexing(query: string, limit: number): NoteSearchResults {
    const hits = this.search(query, limit);
    const indexing = this.store.indexing.progress('notes_fts');
    return indexing ? { hits, indexing } : { hits };
  }

  revisions(noteId: string): NoteRevision[] {
    return this.store.notes.revisions(noteId);
  }

  private live(noteId: string) {
    const existing = this.store.notes.get(noteId);
    if (!existing || existing.deleted) throw new BatonError('not_found', `no note with id ${noteId}`);
    return existing;
  }

  private logEvent(subject: NoteSubject, kind: 'note_added' | 'note_edited' | 'note_deleted', noteId: string): void {
    const { kind: subjectKind, id } = subjectColumns(subject);
    if (subjectKind === 'handoff') this.store.events.append(id, kind, { noteId });
  }

  private committed(saved: LocalNote & { deleted: boolean }, deleted: boolean): LocalNote {
    const note = stripDeleted(saved);
    this.options.onChanged?.({ note, deleted });
    this.options.onQueued?.();
    return note;
  }
}

function toNote(note: LocalNote): Note {
  return { id: note.id, subject: note.subject, body: note.body, authorId: note.authorId, createdAt: note.createdAt, updatedAt: note.updatedAt };
}

function stripDeleted(note: LocalNote & { deleted: boolean }): LocalNote {
  const { deleted: _deleted, ...rest } = note;
  return rest;
}
