import { describe, expect, test } from 'vitest';
import type { InboxItem } from './api';
import { InboxPage } from './api';
import { Handoff, type Priority } from './domain';
import { inboxPage } from './inbox-paging';

function item(id: string, priority: Priority, minute: number, status: 'offered' | 'accepted' = 'offered'): InboxItem {
  const at = `2026-11-26T10:${String(minute).padStart(2, '0')}:00.000Z`;
  const handoff = Handoff.parse({
    id,
    status,
    priority,
    queue: 'general',
    trigger: 'human_requested',
    receivedAt: at,
    slaDeadline: at,
    customer: { id: `c-${id}`, name: `Customer ${id}`, tier: 'standard' },
    conversation: { externalId: `x-${id}`, channel: 'chat', language: 'en', summary: 's', messages: [{ id: `m-${id}`, author: 'customer', text: 'hi', at }] },
  });
  return { handoff, offerExpiresAt: status === 'accepted' ? null : '2026-11-26T11:00:00.000Z' };
}

function readAll(items: Map<string, InboxItem>, limit: number, between?: (page: number) => void): string[] {
  const seen: string[] = [];
  let after = null;
  for (let page = 0; page < 100; page++) {
    const result = InboxPage.parse(inboxPage(items.values(), after, limit));
    seen.push(...result.items.map((i) => i.handoff.id));
    if (!result.next) return seen;
    after = result.next;
    between?.(page);
  }
  throw new Error('paging did not end');
}

describe('inboxPage', () => {
  test('accepted work first, then offers by priority, age and id; pages join without gaps', () => {
    const items = new Map(
      [item('p3', 'P3', 1), item('p1-late', 'P1', 9), item('mine', 'P4', 5, 'accepted'), item('p1-b', 'P1', 2), item('p1-a', 'P1', 2), item('p2', 'P2', 0)].map((i) => [i.handoff.id, i]),
    );
    const whole = inboxPage(items.values(), null, 500);
    expect(whole.items.map((i) => i.handoff.id)).toEqual(['mine', 'p1-a', 'p1-b', 'p1-late', 'p2', 'p3']);
    expect(whole).toMatchObject({ total: 6, next: null });
    expect(readAll(items, 2)).toEqual(['mine', 'p1-a', 'p1-b', 'p1-late', 'p2', 'p3']);
  });

  test('an item leaving or arriving between pages never makes a later page skip or repeat one', () => {
    const items = new Map(Array.from({ length: 10 }, (_, i) => item(`h${i}`, 'P2', i)).map((i) => [i.handoff.id, i]));
    const seen = readAll(items, 3, (page) => {
      if (page === 0) {
        items.delete('h1'); // already read: removing it must not shift the next page
        items.set('h0b', item('h0b', 'P2', 0)); // sorts before the cursor: comes as an event, not a page
      }
    });
    expect(seen).toEqual(['h0', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9']);
  });
});
