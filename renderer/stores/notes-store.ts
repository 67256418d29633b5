// Notes about customers and conversations as this device holds them (saved locally first, synced
// to the hub later), and the outbox's sync status for the offline banner.
import { create } from 'zustand';
import type { LocalNote, SyncStatus } from '../../shared/api';
import type { NoteSubject } from '../../shared/domain';

/** One key per subject: "handoff:ID" or "customer:ID". */
export function subjectKey(subject: NoteSubject): string {
  return subject.kind === 'handoff' ? `handoff:${subject.handoffId}` : `customer:${subject.customerId}`;
}

export interface NotesState {
  bySubject: Record<string, LocalNote[] | undefined>;
  sync: SyncStatus | null;

  notesLoaded(subject: NoteSubject, notes: LocalNote[]): void;
  noteChanged(event: { note: LocalNote; deleted: boolean }): void;
  syncStatusChanged(status: SyncStatus): void;
  reset(): void;
}

const newestFirst = (a: LocalNote, b: LocalNote) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

export const useNotesStore = create<NotesState>()((set) => ({
  bySubject: {},
  sync: null,
  notesLoaded: (subject, notes) => set((s) => ({ bySubject: { ...s.bySubject, [subjectKey(subject)]: [...notes].sort(newestFirst) } })),
  noteChanged: ({ note, deleted }) =>
    set((s) => {
      const key = subjectKey(note.subject);
      const current = s.bySubject[key] ?? [];
      const others = current.filter((n) => n.id !== note.id);
      const next = deleted ? others : [...others, note].sort(newestFirst);
      return { bySubject: { ...s.bySubject, [key]: next } };
    }),
  syncStatusChanged: (sync) => set({ sync }),
  reset: () => set({ bySubject: {}, sync: null }),
}));

const NO_NOTES: LocalNote[] = [];
export const selectNotes = (key: string) => (s: NotesState) => s.bySubject[key] ?? NO_NOTES;
export const selectNotesLoaded = (key: string) => (s: NotesState) => s.bySubject[key] !== undefined;
export const selectSync = (s: NotesState) => s.sync;
