// Cached customer data is kept only as long as it is useful offline (default 30 days); notes
// about purged subjects go too, but only once the hub has them: an unsynced note is never purged.
import type { LocalStore } from './local-store';

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionReport {
  handoffs: number;
  customers: number;
  notes: number;
  events: number;
}

export function purgeExpired(store: LocalStore, retentionDays = DEFAULT_RETENTION_DAYS): RetentionReport {
  const cutoff = store.clock.now() - retentionDays * DAY_MS;
  return store.transaction('retention.purge', () => {
    const handoffIds = store.handoffs.purgeOlderThan(cutoff);
    const customerIds = store.customers.purgeOlderThan(cutoff);
    let notes = 0;
    for (const id of handoffIds) {
      notes += store.notes.purgeSyncedForSubject('handoff', id);
      store.drafts.remove(id);
    }
    for (const id of customerIds) notes += store.notes.purgeSyncedForSubject('customer', id);
    const events = store.events.purgeOlderThan(cutoff);
    const report = { handoffs: handoffIds.length, customers: customerIds.length, notes, events };
    if (handoffIds.length + customerIds.length + events > 0) store.log.info('store: retention purge', report);
    return report;
  });
}
