import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ManualClock } from '../../../shared/clock';
import { openTempStore, type TempStore } from './store-test-kit';

let temp: TempStore;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock();
  temp = await openTempStore({ clock });
});
afterEach(() => temp.cleanup());

describe('drafts', () => {
  it('survive a restart, and an empty save clears them', async () => {
    expect(temp.store.drafts.get('h-1')).toEqual({ handoffId: 'h-1', text: '', updatedAt: null });
    temp.store.drafts.save('h-1', 'Hi Margarethe, I have refunded');
    const store = await temp.reopen();
    expect(store.drafts.get('h-1')).toEqual({ handoffId: 'h-1', text: 'Hi Margarethe, I have refunded', updatedAt: '2026-01-05T09:00:00.000Z' });
    store.drafts.save('h-1', '');
    expect(store.drafts.get('h-1').text).toBe('');
  });
});

describe('settings', () => {
  it('return stored values through their schema and fall back on missing or invalid ones', () => {
    const days = z.number().int().min(1).max(365);
    expect(temp.store.settings.get('retentionDays', days, 30)).toBe(30);
    temp.store.settings.set('retentionDays', 7);
    expect(temp.store.settings.get('retentionDays', days, 30)).toBe(7);
    temp.store.settings.set('retentionDays', -4);
    expect(temp.store.settings.get('retentionDays', days, 30)).toBe(30);
  });
});

describe('slow-query log', () => {
  it('records statements over the threshold with their label', async () => {
    const { StoreDatabase } = await import('./store-database');
    const warnings: string[] = [];
    const db = StoreDatabase.open(':memory:', { slowQueryMs: 0, clock, log: { info() {}, warn: (m) => warnings.push(m) } });
    try {
      db.measure('test.recursive', () => db.db.prepare('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 20000) SELECT sum(x) FROM c').get());
      expect(db.slowQueries()[0]).toMatchObject({ label: 'test.recursive', at: clock.now() });
      expect(warnings[0]).toMatch(/slow query test\.recursive took/);
    } finally {
      db.dispose();
    }
  });
});
