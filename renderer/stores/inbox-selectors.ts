// Selectors for the inbox store. The ordered offer list is derived once per change of the item
// map (cached by reference), so thousands of rows do not re-sort on every render.
import type { InboxItem } from '../../shared/api';
import { PRIORITIES } from '../../shared/domain';
import type { InboxState } from './inbox-store';

const PRIORITY_RANK = new Map(PRIORITIES.map((p, i) => [p, i]));

/** Priority first (P1 before P4), then age (longest waiting first), then id for a stable order. */
export function compareOffers(a: InboxItem, b: InboxItem): number {
  const byPriority = PRIORITY_RANK.get(a.handoff.priority)! - PRIORITY_RANK.get(b.handoff.priority)!;
  if (byPriority !== 0) return byPriority;
  const byAge = Date.parse(a.handoff.receivedAt) - Date.parse(b.handoff.receivedAt);
  if (byAge !== 0) return byAge;
  return a.handoff.id < b.handoff.id ? -1 : a.handoff.id > b.handoff.id ? 1 : 0;
}

let cachedItems: Record<string, InboxItem> | null = null;
let cachedOfferIds: string[] = [];
/**
 * Sort keys per item object (an update replaces the object): while thousands of handoffs load in
 * pages, the list is re-sorted once per page and parsing every date again was most of that work.
 */
const sortKeys = new WeakMap<InboxItem, { rank: number; at: number; id: string }>();

function sortKeyOf(item: InboxItem): { rank: number; at: number; id: string } {
  let key = sortKeys.get(item);
  if (!key) {
    key = { rank: PRIORITY_RANK.get(item.handoff.priority)!, at: Date.parse(item.handoff.receivedAt), id: item.handoff.id };
    sortKeys.set(item, key);
  }
  return key;
}

/** Ids of handoffs waiting for this agent (offered or queued), in inbox order. */
export function selectOfferIds(state: InboxState): string[] {
  if (state.items === cachedItems) return cachedOfferIds;
  cachedItems = state.items;
  // Keys computed once per item, not once per comparison or per page: 5,000 offers sort in a few milliseconds.
  const keyed: { rank: number; at: number; id: string }[] = [];
  for (const item of Object.values(state.items)) {
    if (item.handoff.status === 'accepted') continue;
    keyed.push(sortKeyOf(item));
  }
  keyed.sort((a, b) => a.rank - b.rank || a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  cachedOfferIds = keyed.map((k) => k.id);
  return cachedOfferIds;
}

export const selectOfferCount = (state: InboxState) => selectOfferIds(state).length;
export const selectItem = (id: string | null) => (state: InboxState) => (id ? state.items[id] : undefined);
export const selectAcceptedOrder = (state: InboxState) => state.acceptedOrder;
export const selectSelectedOfferId = (state: InboxState) => state.selectedId;
export const selectInboxLoaded = (state: InboxState) => state.loaded;
