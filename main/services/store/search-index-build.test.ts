// The search indexes are rebuilt in the background after the store opens (search-index-build.ts):
// real SQLite files in temp folders, real batches on the real event loop. The store must answer
// while the build runs, index every row exactly once whatever is written meanwhile, and stop
// cleanly when closed mid-build.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { LocalStore } from './local-store';
import { NotesService } from './notes-service';
import { OfflineCache } from './offline-cache';
import { fixedKeyProvider, openTempStore, sampleInboxItem, type TempStore } from './store-test-kit';
import type { StoreLog } from './store-log';

const temps: TempStore[] = [];
afterEach(() => {
  while (temps.length) temps.pop()!.cleanup();
});

/** One turn of the event loop: the build's next batch (scheduled earlier) runs before this resolves. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Records the store's warnings, slow-query notices aside (a busy test machine produces those). */
function recorder(): StoreLog & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, warn: (message) => void (message.includes('slow query') || warnings.push(message)) };
}

/** Batches of exactly `indexBatchSize` rows (no time budget), so a test knows where the build is. */
async function storeWithNotes(count: number, options: { indexBatchSize: number; log?: StoreLog; clock?: ManualClock }): Promise<TempStore> {
  const temp = await openTempStore({ synchronous: 'NORMAL', indexBatchMs: Infinity, ...options });
  temps.push(temp);
  const { store } = temp;
  const at = '2026-01-05T09:00:00.000Z';
  for (let start = 0; start < count; start += 1_000) {
    store.transaction('test.fill', () => {
      for (let i = start; i < Math.min(count, start + 1_000); i++) {
        store.notes.insert({ id: `n-${i}`, subject: { kind: 'customer', customerId: `c-${i % 50}` }, body: `common note token${i}`, authorId: 'a-1', createdAt: at, updatedAt: at });
      }
    });
  }
  return temp;
}

/** Every (rowid, text) the index holds, in rowid order: two builds of the same rows must agree. */
function indexed(store: LocalStore, table: 'notes_fts' | 'handoffs_fts'): string[] {
  const columns = table === 'notes_fts' ? 'body' : "title || ' | ' || body";
  return (store.database.db.prepare(`SELECT rowid AS seq, ${columns} AS text FROM search.${table} ORDER BY rowid`).all() as { seq: number; text: string }[]).map(
    (row) => `${row.seq}: ${row.text}`,
  );
}

function matching(store: LocalStore, word: string): number {
  return (store.database.db.prepare(`SELECT count(*) AS n FROM search.notes_fts WHERE notes_fts MATCH ?`).get(word) as { n: number }).n;
}

describe('background search index build', () => {
  it('answers requests between batches while the index of 5,000 notes is built, with how far it got', async () => {
    const temp = await storeWithNotes(5_000, { indexBatchSize: 250 });
    const store = await temp.reopen();
    const notes = new NotesService(store, { authorId: () => 'a-1' });

    // Open means serving: listing works before a single note is indexed, and search says so.
    expect(store.indexing.isBuilding).toBe(true);
    expect(notes.list({ kind: 'customer', customerId: 'c-7' })).toHaveLength(100);
    expect(notes.searchWithIndexing('token42', 10)).toEqual({ hits: [], indexing: { done: 0, total: 5_000 } });

    const seen: { done: number; hits: number }[] = [];
    while (store.indexing.isBuilding) {
      await turn();
      const answer = notes.searchWithIndexing('common', 200);
      if (answer.indexing) seen.push({ done: answer.indexing.done, hits: matching(store, 'common') });
    }
    // Answered between batches: 5,000 / 250 = 20 batches, each followed by a request.
    expect(seen.length).toBeGreaterThanOrEqual(15);
    expect(seen[0]).toEqual({ done: 250, hits: 250 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThan(seen[i - 1]!.done);
    for (const s of seen) expect(s.hits).toBe(s.done);

    expect(await store.indexing.finished).toBe('built');
    const answer = notes.searchWithIndexing('token4999', 10);
    expect(answer.indexing).toBeUndefined();
    expect(answer.hits.map((hit) => hit.note.id)).toEqual(['n-4999']);
    expect(store.notes.search('common', 10_000)).toHaveLength(5_000);
    expect(store.indexing.buildMs).toBeGreaterThan(0);
  });

  it('indexes notes saved, edited and deleted during the build exactly once, as a fresh build would', async () => {
    const clock = new ManualClock();
    const temp = await storeWithNotes(3_000, { indexBatchSize: 200, clock });
    const store = await temp.reopen();
    const notes = new NotesService(store, { authorId: () => 'a-1' });
    await turn();
    await turn();
    expect(store.indexing.progress('notes_fts')).toEqual({ done: 400, total: 3_000 });
    const id = (i: number) => `n-${i}`;

    // Behind the mark (already indexed), ahead of it (the build's), and new rows (past its end).
    notes.update(id(10), 'edited behind alpha');
    notes.update(id(2_500), 'edited ahead bravo');
    notes.delete(id(20));
    notes.delete(id(2_600));
    const created = notes.create({ kind: 'handoff', handoffId: 'h-1' }, 'created during charlie');
    notes.update(created.id, 'created then edited delta');
    const removed = notes.create({ kind: 'handoff', handoffId: 'h-1' }, 'created then gone echo');
    notes.delete(removed.id);
    store.notes.hardDelete(id(2_999)); // the build's last row, gone before it got there
    store.notes.acceptFromHub(
      { id: id(2_700), subject: { kind: 'customer', customerId: 'c-0' }, body: 'from the hub foxtrot', authorId: 'a-2', createdAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:05:00.000Z' },
      9,
      false,
    );
    // Writes between later batches too.
    await turn();
    notes.update(id(2_500), 'edited ahead again golf');
    notes.update(id(450), 'edited later behind hotel');

    expect(await store.indexing.finished).toBe('built');
    const once = (query: string) => notes.search(query, 50).map((hit) => hit.note.id);
    expect(once('alpha')).toEqual([id(10)]);
    expect(once('golf')).toEqual([id(2_500)]);
    expect(once('bravo')).toEqual([]);
    expect(once('delta')).toEqual([created.id]);
    expect(once('charlie')).toEqual([]);
    expect(once('echo')).toEqual([]);
    expect(once('foxtrot')).toEqual([id(2_700)]);
    expect(once('hotel')).toEqual([id(450)]);
    // (The last word is a prefix: token10 also finds token100…; what matters is that n-10 is not found.)
    for (const gone of [10, 20, 450, 2_500, 2_600, 2_700, 2_999]) expect(notes.search(`token${gone}`, 10_000).map((hit) => hit.note.id)).not.toContain(id(gone));
    expect(notes.search('common', 10_000)).toHaveLength(3_000 - 7);

    // The oracle: what a build from scratch of the same rows holds, row for row.
    const during = indexed(store, 'notes_fts');
    const fresh = await temp.reopen();
    expect(await fresh.indexing.finished).toBe('built');
    expect(indexed(fresh, 'notes_fts')).toEqual(during);
  });

  it('keeps cached handoffs and customers written during the build indexed exactly once', async () => {
    const clock = new ManualClock();
    const temp = await openTempStore({ synchronous: 'NORMAL', indexBatchSize: 40, indexBatchMs: Infinity, clock });
    temps.push(temp);
    const names = ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ivy', 'Jo'];
    let cache = new OfflineCache(temp.store);
    for (let i = 0; i < 10; i++) cache.handoffAccepted(sampleInboxItem({ id: `h-${i}`, customerId: `c-${i}`, customerName: names[i]! }));
    const store = await temp.reopen();
    cache = new OfflineCache(store);
    // 40 rows of work a batch, 20 per handoff: two handoffs a batch.
    await turn();
    expect(store.indexing.progress('handoffs_fts')).toEqual({ done: 2, total: 10 });
    cache.messageReceived('h-0', { id: 'm-9', author: 'customer', text: 'behind the mark kilo', at: '2026-01-05T09:02:00.000Z' });
    cache.messageReceived('h-8', { id: 'm-9', author: 'customer', text: 'ahead of the mark lima', at: '2026-01-05T09:02:00.000Z' });
    cache.handoffAccepted(sampleInboxItem({ id: 'h-new', customerId: 'c-new', customerName: 'Newton' }));
    expect(await store.indexing.finished).toBe('built');
    expect(cache.search('kilo', 10).map((hit) => hit.handoffId)).toEqual(['h-0']);
    expect(cache.search('lima', 10).map((hit) => hit.handoffId)).toEqual(['h-8']);
    expect(cache.search('Newton', 10).map((hit) => hit.kind).sort()).toEqual(['customer', 'handoff']);

    const during = indexed(store, 'handoffs_fts');
    const fresh = await temp.reopen();
    expect(await fresh.indexing.finished).toBe('built');
    expect(indexed(fresh, 'handoffs_fts')).toEqual(during);
  });

  it('stops cleanly when the store is closed mid-build, and the next open builds it all', async () => {
    const log = recorder();
    const temp = await storeWithNotes(2_000, { indexBatchSize: 100, log });
    const store = await temp.reopen();
    await turn();
    const notes = new NotesService(store, { authorId: () => 'a-1' });
    notes.create({ kind: 'customer', customerId: 'c-1' }, 'written just before closing');
    store.dispose();
    expect(await store.indexing.finished).toBe('stopped');
    expect(store.indexing.isBuilding).toBe(false);
    // Turns that would have run batches: nothing runs against the closed database, nothing throws.
    for (let i = 0; i < 5; i++) await turn();
    expect(log.warnings).toEqual([]);
    store.dispose();

    const reopened = await temp.reopen();
    expect(await reopened.indexing.finished).toBe('built');
    expect(reopened.notes.search('common', 10_000)).toHaveLength(2_000);
    expect(reopened.notes.search('written closing', 10)).toHaveLength(1);
    expect(log.warnings).toEqual([]);
  });

  it('makes batches smaller when they take longer than the time budget, so a request never waits long behind one', async () => {
    const temp = await storeWithNotes(2_000, { indexBatchSize: 1_000 });
    temp.store.dispose();
    // A budget no batch can meet: after the first (small) batch, the smallest batches, 200 rows.
    const store = await LocalStore.open({ path: temp.path, keyProvider: fixedKeyProvider(temp.key), indexBatchSize: 1_000, indexBatchMs: 0.000_1 });
    temp.store = store;
    await turn();
    expect(store.indexing.progress('notes_fts')).toEqual({ done: 250, total: 2_000 });
    await turn();
    expect(store.indexing.progress('notes_fts')).toEqual({ done: 450, total: 2_000 });
    await turn();
    expect(store.indexing.progress('notes_fts')).toEqual({ done: 650, total: 2_000 });
    expect(await store.indexing.finished).toBe('built');
    expect(matching(store, 'common')).toBe(2_000);
  });

  it('starts with a small batch and doubles it while batches stay well within the budget', async () => {
    const temp = await storeWithNotes(3_000, { indexBatchSize: 1_000 });
    temp.store.dispose();
    const store = await LocalStore.open({ path: temp.path, keyProvider: fixedKeyProvider(temp.key), indexBatchSize: 1_000, indexBatchMs: 1e9 });
    temp.store = store;
    const done: number[] = [];
    for (let i = 0; i < 4; i++) {
      await turn();
      done.push(store.indexing.progress('notes_fts')!.done);
    }
    expect(done).toEqual([250, 750, 1_750, 2_750]);
    expect(await store.indexing.finished).toBe('built');
  });

  it('leaves an undecryptable row out of the index (logged) instead of failing the whole build', async () => {
    const log = recorder();
    const temp = await storeWithNotes(500, { indexBatchSize: 100, log });
    // A body sealed for another row: authentication fails for it alone.
    const { db } = temp.store.database;
    const sealed = (db.prepare(`SELECT body FROM notes WHERE id = 'n-1'`).get() as { body: Buffer }).body;
    db.prepare(`UPDATE notes SET body = ? WHERE id = 'n-300'`).run(sealed);
    const store = await temp.reopen();
    expect(await store.indexing.finished).toBe('built');
    expect(store.notes.search('common', 1_000)).toHaveLength(499);
    expect(log.warnings).toEqual([expect.stringMatching(/1 rows could not be decrypted and are left out of notes_fts/)]);
  });
});
