import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { OfflineCache } from './offline-cache';
import { sampleInboxItem, openTempStore, type TempStore } from './store-test-kit';

let temp: TempStore;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock();
  temp = await openTempStore({ clock });
});
afterEach(() => temp.cleanup());

describe('OfflineCache', () => {
  it('caches an accepted handoff with its transcript and customer, readable after a restart', async () => {
    const cache = new OfflineCache(temp.store);
    const item = sampleInboxItem();
    cache.offerReceived({ ...item, handoff: { ...item.handoff, status: 'offered' } });
    expect(cache.getHandoff('h-1')).toBeNull();
    cache.handoffAccepted(item);
    clock.advance(60_000);
    cache.messageReceived('h-1', { id: 'm-3', author: 'customer', text: 'Hello? Anyone there?', at: '2026-01-05T09:01:00.000Z' });
    cache.sentimentScored('h-1', 'm-3', { label: 'negative', score: -0.6, source: 'baton-sentiment-small' });
    cache.messageReceived('h-1', { id: 'm-3', author: 'customer', text: 'Hello? Anyone there?', at: '2026-01-05T09:01:00.000Z' });

    const reopened = new OfflineCache(await temp.reopen());
    const cached = reopened.getHandoff('h-1')!;
    expect(cached.handoff.conversation.messages.map((m) => m.id)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(cached.handoff.conversation.messages[2]!.sentiment).toEqual({ label: 'negative', score: -0.6, source: 'baton-sentiment-small' });
    expect(cached.handoff.conversation.summary).toContain('double charged');
    expect(cached.cachedAt).toBe(new Date(clock.now()).toISOString());
    expect(reopened.getCustomer('c-1')).toEqual({ customer: item.handoff.customer, cachedAt: '2026-01-05T09:00:00.000Z' });
    expect(reopened.listHandoffs()).toHaveLength(1);
  });

  it('applies live updates only to handoffs it holds, and logs the path of the handoff', () => {
    const cache = new OfflineCache(temp.store);
    cache.handoffUpdated(sampleInboxItem({ id: 'h-other' }));
    expect(cache.getHandoff('h-other')).toBeNull();
    const item = sampleInboxItem();
    cache.offerReceived(item);
    cache.offerAlerted('h-1', 'os-notification');
    cache.handoffAccepted(item);
    cache.handoffAccepted(item);
    cache.messageReceived('h-1', { id: 'r-1', author: 'agent', text: 'Refund issued.', at: '2026-01-05T09:02:00.000Z' });
    cache.handoffUpdated({ ...item, handoff: { ...item.handoff, status: 'resolved' } });
    expect(cache.getHandoff('h-1')!.handoff.status).toBe('resolved');
    const lines = temp.store.events.exportJsonLines('h-1').split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => e.kind)).toEqual(['offered', 'alerted', 'accepted', 'message_received', 'resolved']);
    expect(lines[3]).toMatchObject({ handoffId: 'h-1', detail: { messageId: 'r-1', author: 'agent' } });
    expect(JSON.stringify(lines)).not.toContain('Refund issued');
  });

  it('searches cached handoffs and customers with highlights', () => {
    const cache = new OfflineCache(temp.store);
    cache.handoffAccepted(sampleInboxItem());
    cache.handoffAccepted(sampleInboxItem({ id: 'h-2', customerId: 'c-2', customerName: 'Jonas Berg' }));
    cache.messageReceived('h-2', { id: 'm-9', author: 'customer', text: 'My parcel went to Göteborg instead', at: '2026-01-05T09:03:00.000Z' });
    const hits = cache.search('goteborg', 10);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ kind: 'handoff', handoffId: 'h-2', customerId: 'c-2', title: 'Jonas Berg' });
    expect(hits[0]!.snippet.find((s) => s.match)?.text).toBe('Göteborg');
    expect(cache.search('ORD-7781', 10).map((h) => `${h.kind}:${h.customerId}`).sort()).toEqual(['customer:c-1', 'customer:c-2']);
    expect(cache.search('Jonas', 10).map((h) => `${h.kind}:${h.customerId}`).sort()).toEqual(['customer:c-2', 'handoff:c-2']);
  });

  it('keeps transcripts and customer records encrypted on disk', () => {
    const cache = new OfflineCache(temp.store);
    cache.handoffAccepted(sampleInboxItem());
    temp.store.database.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(temp.path);
    for (const secret of ['charged twice', 'margarethe@example.com', 'Margarethe Okafor', 'double charged']) {
      expect(file.includes(Buffer.from(secret))).toBe(false);
    }
  });
});
