import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { NotesService } from './notes-service';
import { OfflineCache } from './offline-cache';
import { purgeExpired } from './retention';
import { sampleInboxItem, openTempStore, type TempStore } from './store-test-kit';

const DAY = 24 * 60 * 60 * 1000;
let temp: TempStore;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock();
  temp = await openTempStore({ clock });
});
afterEach(() => temp.cleanup());

describe('retention', () => {
  it('purges customer data older than the limit but keeps notes the hub has not confirmed', () => {
    const cache = new OfflineCache(temp.store);
    const notes = new NotesService(temp.store, { authorId: () => 'a-1' });
    cache.handoffAccepted(sampleInboxItem());
    const synced = notes.create({ kind: 'customer', customerId: 'c-1' }, 'synced note');
    const pending = notes.create({ kind: 'customer', customerId: 'c-1' }, 'pending note');
    temp.store.notes.setSyncStatus(synced.id, 'synced');
    temp.store.drafts.save('h-1', 'half-typed reply');
    clock.advance(10 * DAY);
    cache.handoffAccepted(sampleInboxItem({ id: 'h-fresh', customerId: 'c-fresh' }));

    expect(purgeExpired(temp.store, 30)).toEqual({ handoffs: 0, customers: 0, notes: 0, events: 0 });
    clock.advance(25 * DAY);
    const report = purgeExpired(temp.store, 30);
    expect(report).toMatchObject({ handoffs: 1, customers: 1, notes: 1 });
    expect(cache.getHandoff('h-1')).toBeNull();
    expect(cache.getCustomer('c-1')).toBeNull();
    expect(cache.getHandoff('h-fresh')).not.toBeNull();
    expect(cache.search('Margarethe', 10).filter((h) => h.customerId === 'c-1')).toEqual([]);
    expect(temp.store.drafts.get('h-1').text).toBe('');
    expect(notes.get(synced.id)).toBeNull();
    expect(notes.get(pending.id)?.body).toBe('pending note');
    expect(temp.store.database.db.prepare('SELECT count(*) AS n FROM messages WHERE handoff_id = ?').get('h-1')).toEqual({ n: 0 });
  });
});
