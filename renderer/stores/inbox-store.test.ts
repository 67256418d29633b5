import { afterEach, describe, expect, it } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { useInboxStore } from './inbox-store';
import { selectOfferIds } from './inbox-selectors';

const store = () => useInboxStore.getState();

afterEach(() => store().reset());

describe('inbox store', () => {
  it('orders offers by priority, then by how long they have waited', () => {
    store().inboxLoaded([
      makeInboxItem({ id: 'p3-old', priority: 'P3', ageSeconds: 900 }),
      makeInboxItem({ id: 'p1-new', priority: 'P1', ageSeconds: 10 }),
      makeInboxItem({ id: 'p2', priority: 'P2', ageSeconds: 60 }),
      makeInboxItem({ id: 'p1-old', priority: 'P1', ageSeconds: 300 }),
    ]);
    expect(selectOfferIds(store())).toEqual(['p1-old', 'p1-new', 'p2', 'p3-old']);
    store().offerReceived(makeInboxItem({ id: 'p2-older', priority: 'P2', ageSeconds: 120 }));
    expect(selectOfferIds(store())).toEqual(['p1-old', 'p1-new', 'p2-older', 'p2', 'p3-old']);
  });

  it('re-sorts an offer whose priority changed (sort keys belong to the item object, not its id)', () => {
    store().inboxLoaded([makeInboxItem({ id: 'a', priority: 'P2', ageSeconds: 60 }), makeInboxItem({ id: 'b', priority: 'P3', ageSeconds: 600 })]);
    expect(selectOfferIds(store())).toEqual(['a', 'b']);
    store().offerReceived(makeInboxItem({ id: 'b', priority: 'P1', ageSeconds: 600 }));
    expect(selectOfferIds(store())).toEqual(['b', 'a']);
  });

  it('returns the same ordered array until the items change, so rows do not re-render for nothing', () => {
    store().inboxLoaded([makeInboxItem({ id: 'a' }), makeInboxItem({ id: 'b' })]);
    const first = selectOfferIds(store());
    store().offerSelected('a');
    expect(selectOfferIds(store())).toBe(first);
    store().offerReceived(makeInboxItem({ id: 'c' }));
    expect(selectOfferIds(store())).not.toBe(first);
  });

  it('moves an accepted offer out of the offer list into the accepted order, and drops it when resolved', () => {
    store().inboxLoaded([makeInboxItem({ id: 'a' }), makeInboxItem({ id: 'b' })]);
    store().handoffAccepted(makeInboxItem({ id: 'b', status: 'accepted' }));
    expect(selectOfferIds(store())).toEqual(['a']);
    expect(store().acceptedOrder).toEqual(['b']);
    store().handoffUpdated(makeInboxItem({ id: 'b', status: 'resolved' }));
    expect(store().acceptedOrder).toEqual([]);
    expect(store().items.b).toBeUndefined();
  });

  it('ignores a revocation for a handoff this agent already accepted', () => {
    store().inboxLoaded([makeInboxItem({ id: 'a', status: 'accepted' }), makeInboxItem({ id: 'b' })]);
    store().offerSelected('b');
    store().offerRevoked({ handoffId: 'a', reason: 'timeout' });
    store().offerRevoked({ handoffId: 'b', reason: 'timeout' });
    expect(Object.keys(store().items)).toEqual(['a']);
    expect(store().selectedId).toBeNull();
  });

  it('keeps the order in which conversations were accepted across a reload of the inbox', () => {
    store().inboxLoaded([makeInboxItem({ id: 'x', status: 'accepted' }), makeInboxItem({ id: 'y', status: 'accepted' })]);
    store().handoffAccepted(makeInboxItem({ id: 'z', status: 'accepted' }));
    store().inboxLoaded([
      makeInboxItem({ id: 'z', status: 'accepted' }),
      makeInboxItem({ id: 'w', status: 'accepted' }),
      makeInboxItem({ id: 'x', status: 'accepted' }),
    ]);
    expect(store().acceptedOrder).toEqual(['x', 'z', 'w']);
  });
});

describe('inbox store, loaded in pages', () => {
  it('is not "loaded" until the last page, so later pages do not look like news', () => {
    store().inboxPageLoaded([makeInboxItem({ id: 'a' })], { first: true, last: false });
    expect(store().loaded).toBe(false);
    expect(selectOfferIds(store())).toEqual(['a']);
    store().inboxPageLoaded([makeInboxItem({ id: 'b' })], { first: false, last: true });
    expect(store().loaded).toBe(true);
  });

  it('merges pages as they come and drops, at the last page, what left while nobody was looking', () => {
    store().inboxLoaded([makeInboxItem({ id: 'gone' }), makeInboxItem({ id: 'stays' }), makeInboxItem({ id: 'mine', status: 'accepted' })]);
    store().inboxPageLoaded([makeInboxItem({ id: 'mine', status: 'accepted' }), makeInboxItem({ id: 'a', priority: 'P1' })], { first: true, last: false });
    // Until the last page, rows from before the reload stay on screen.
    expect(selectOfferIds(store())).toEqual(['a', 'gone', 'stays']);
    // An offer that arrives as an event during the reload is kept even if no page lists it.
    store().offerReceived(makeInboxItem({ id: 'pushed' }));
    store().inboxPageLoaded([makeInboxItem({ id: 'stays' })], { first: false, last: true });
    expect(selectOfferIds(store()).sort()).toEqual(['a', 'pushed', 'stays']);
    expect(store().loaded).toBe(true);
    expect(store().acceptedOrder).toEqual(['mine']);
  });
});
