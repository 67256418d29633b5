import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { BatonError } from '../../../shared/result';
import { NotesService, type NoteChange } from './notes-service';
import { openTempStore, type TempStore } from './store-test-kit';

let temp: TempStore;
let clock: ManualClock;
let changes: NoteChange[];
let queued: number;
const service = () =>
  new NotesService(temp.store, { authorId: () => 'agent-7', onChanged: (change) => changes.push(change), onQueued: () => queued++ });

beforeEach(async () => {
  clock = new ManualClock();
  temp = await openTempStore({ clock });
  changes = [];
  queued = 0;
});
afterEach(() => temp.cleanup());

const customer = { kind: 'customer' as const, customerId: 'c-1' };
const handoff = { kind: 'handoff' as const, handoffId: 'h-1' };

describe('NotesService', () => {
  it('saves a note and its outbox entry together, as pending, and reports it after commit', () => {
    const notes = service();
    const note = notes.create(customer, 'Prefers email over phone');
    expect(note).toMatchObject({ subject: customer, body: 'Prefers email over phone', authorId: 'agent-7', syncStatus: 'pending', hubVersion: null });
    expect(changes).toEqual([{ note, deleted: false }]);
    expect(queued).toBe(1);
    const entry = temp.store.outbox.next()!;
    expect(entry).toMatchObject({ kind: 'note_upsert', targetId: note.id, status: 'pending' });
    expect(entry.payload).toEqual({ note: { id: note.id, subject: customer, body: 'Prefers email over phone', authorId: 'agent-7', createdAt: note.createdAt, updatedAt: note.updatedAt } });
  });

  it('queues every edit and the delete in order, and lists only live notes newest first', () => {
    const notes = service();
    const first = notes.create(customer, 'first');
    clock.advance(1_000);
    const second = notes.create(customer, 'second');
    clock.advance(1_000);
    const edited = notes.update(first.id, 'first, edited');
    expect(edited.updatedAt).not.toBe(first.updatedAt);
    notes.delete(second.id);
    expect(notes.list(customer).map((n) => n.body)).toEqual(['first, edited']);
    expect(temp.store.outbox.counts()).toEqual({ pending: 4, failed: 0 });
    const kinds = [];
    for (let entry = temp.store.outbox.next(); entry; entry = temp.store.outbox.next()) {
      kinds.push(`${entry.kind}:${(entry.payload as { note: { body: string } }).note.body}`);
      temp.store.outbox.remove(entry.seq);
    }
    expect(kinds).toEqual(['note_upsert:first', 'note_upsert:second', 'note_upsert:first, edited', 'note_delete:second']);
    expect(changes.at(-1)).toMatchObject({ deleted: true });
  });

  it('refuses to edit or delete a note that does not exist or was deleted, without queueing', () => {
    const notes = service();
    const note = notes.create(customer, 'x');
    notes.delete(note.id);
    expect(() => notes.update(note.id, 'y')).toThrow(BatonError);
    expect(() => notes.delete('missing')).toThrow(/no note/);
    expect(temp.store.outbox.counts().pending).toBe(2);
  });

  it('logs notes on a handoff in the handoff event log', () => {
    const notes = service();
    const note = notes.create(handoff, 'Promised a call back at 3pm');
    notes.update(note.id, 'Promised a call back at 4pm');
    expect(temp.store.events.list('h-1').map((e) => [e.kind, e.detail.noteId])).toEqual([
      ['note_added', note.id],
      ['note_edited', note.id],
    ]);
  });

  it('finds notes by words and prefixes with highlighted snippets, and never chokes on FTS syntax', () => {
    const notes = service();
    notes.create(customer, 'Customer was double charged; refund of 49 EUR approved by Sam.');
    notes.create(handoff, 'Shipping address changed to Lyon.');
    const deleted = notes.create(customer, 'refund denied earlier');
    notes.delete(deleted.id);
    const hits = notes.search('refu', 10);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toEqual(['refund']);
    expect(hits[0]!.snippet.map((s) => s.text).join('')).toContain('double charged');
    expect(notes.search('lyon shipping', 10).map((h) => h.note.body)).toEqual(['Shipping address changed to Lyon.']);
    for (const weird of ['"', 'AND OR NOT', '*', 'NEAR(', "'; DROP TABLE notes; --", '']) expect(() => notes.search(weird, 10)).not.toThrow();
  });

  it('keeps bodies encrypted on disk and rebuilds the search index on reopen', async () => {
    const notes = service();
    notes.create(customer, 'Secret-marker-7781 lives only in ciphertext');
    temp.store.database.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(temp.path).includes(Buffer.from('Secret-marker-7781'))).toBe(false);
    await temp.reopen();
    // The store serves at once; the index is rebuilt in the background.
    expect(await temp.store.indexing.finished).toBe('built');
    const reopened = new NotesService(temp.store, { authorId: () => 'agent-7' });
    expect(reopened.search('secret marker', 5)).toHaveLength(1);
    expect(reopened.list(customer)[0]!.syncStatus).toBe('pending');
  });

  it('refuses to open with the wrong key rather than showing garbage', async () => {
    service().create(customer, 'x');
    temp.store.dispose();
    const { LocalStore } = await import('./local-store');
    const { randomBytes } = await import('node:crypto');
    await expect(LocalStore.open({ path: temp.path, keyProvider: { getKey: async () => randomBytes(32) } })).rejects.toThrow(/failed authentication/);
    await temp.reopen();
  });
});
