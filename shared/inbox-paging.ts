// The inbox in pages (the 'inbox:page' method): accepted work first (the screen opens it at once),
// then offers by priority and age. Pages are cut by key, not by offset, so an offer that arrives or
// leaves between two pages never makes the next one skip or repeat a row. Pure; the desktop's inbox
// and the renderer's test double both use it.
import type { InboxCursor, InboxItem, InboxPage } from './api';
import { PRIORITIES } from './domain';

const PRIORITY_RANK: ReadonlyMap<string, number> = new Map(PRIORITIES.map((p, i) => [p, i]));

/**
 * The page a first call asks for: a tall screen of rows (~150 px each), and no more, since the
 * renderer validates and lays out every row of it before the list's first paint.
 */
export const FIRST_INBOX_PAGE = 12;
/**
 * Later pages: each is validated and merged in one task of the renderer, ~0.2 ms a handoff there;
 * 50 keeps that task well under 50 ms (150 made 60-130 ms tasks) and 5,000 handoffs load in 100 calls.
 */
export const NEXT_INBOX_PAGE = 50;
export const MAX_INBOX_PAGE = 500;

type Key = readonly [accepted: number, priority: number, receivedAt: number, id: string];

function keyOf(cursor: InboxCursor): Key {
  return [cursor.accepted ? 0 : 1, PRIORITY_RANK.get(cursor.priority) ?? 9, Date.parse(cursor.receivedAt), cursor.id];
}

export function cursorOf(item: InboxItem): InboxCursor {
  const { handoff } = item;
  return { accepted: handoff.status === 'accepted', priority: handoff.priority, receivedAt: handoff.receivedAt, id: handoff.id };
}

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
}

/** The items after `after` (all of them for null) in paging order, at most `limit`. */
export function inboxPage(items: Iterable<InboxItem>, after: InboxCursor | null, limit: number): InboxPage {
  const keyed: { key: Key; item: InboxItem }[] = [];
  for (const item of items) keyed.push({ key: keyOf(cursorOf(item)), item });
  const start = after ? keyOf(after) : null;
  const rest = (start ? keyed.filter((k) => compareKeys(k.key, start) > 0) : keyed).sort((a, b) => compareKeys(a.key, b.key));
  const page = rest.slice(0, Math.max(1, Math.min(limit, MAX_INBOX_PAGE))).map((k) => k.item);
  const more = rest.length > page.length;
  return { items: page, total: keyed.length, next: more ? cursorOf(page[page.length - 1]!) : null };
}
