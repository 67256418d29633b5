// The agent's inbox: handoffs offered to them (with an expiry) and the ones they accepted. Built
// from two slices over one map keyed by handoff id, so an offer that becomes accepted moves between
// the lists without being copied.
import { create, type StateCreator } from 'zustand';
import type { InboxItem } from '../../shared/api';
import type { OfferRevokeReason } from '../../shared/hub-protocol';

/** Statuses after which a handoff leaves this agent's screen. */
const CLOSED_STATUSES = new Set(['resolved', 'transferred', 'abandoned']);

export interface OffersSlice {
  items: Record<string, InboxItem>;
  /** The offer the keyboard cursor is on (j/k), or null. */
  selectedId: string | null;
  loaded: boolean;

  inboxLoaded(items: InboxItem[]): void;
  /**
   * One page of a reload in pages (accepted work first, then offers): merged as it arrives so the
   * list paints after the first page. The last page drops what was on screen before the reload
   * and was neither in a page nor in an event since (it left while the link was down).
   */
  inboxPageLoaded(items: InboxItem[], position: { first: boolean; last: boolean }): void;
  offerReceived(item: InboxItem): void;
  offerRevoked(event: { handoffId: string; reason: OfferRevokeReason }): void;
  offerDeclined(handoffId: string): void;
  offerSelected(handoffId: string | null): void;
}

export interface AcceptedSlice {
  /** Accepted handoffs in the order they were taken: number keys 1..9 follow it. */
  acceptedOrder: string[];

  handoffAccepted(item: InboxItem): void;
  handoffUpdated(item: InboxItem): void;
}

export type InboxState = OffersSlice & AcceptedSlice & { reset(): void };

/** During a reload in pages: ids on screen before it began, not yet confirmed by a page or an event. */
let unconfirmed: Set<string> | null = null;

/** Accepted ids in the order this agent took them; ones this screen has not seen go last. */
function acceptedOrderOf(items: Record<string, InboxItem>, previous: string[]): string[] {
  const accepted = Object.keys(items).filter((id) => items[id]!.handoff.status === 'accepted');
  const known = new Set(previous);
  const now = new Set(accepted);
  return [...previous.filter((id) => now.has(id)), ...accepted.filter((id) => !known.has(id))];
}

function withItem(state: InboxState, item: InboxItem): Pick<InboxState, 'items' | 'acceptedOrder'> {
  const id = item.handoff.id;
  unconfirmed?.delete(id);
  const items = { ...state.items };
  let acceptedOrder = state.acceptedOrder;
  if (CLOSED_STATUSES.has(item.handoff.status)) {
    delete items[id];
    if (acceptedOrder.includes(id)) acceptedOrder = acceptedOrder.filter((x) => x !== id);
    return { items, acceptedOrder };
  }
  items[id] = item;
  const accepted = item.handoff.status === 'accepted';
  if (accepted && !acceptedOrder.includes(id)) acceptedOrder = [...acceptedOrder, id];
  if (!accepted && acceptedOrder.includes(id)) acceptedOrder = acceptedOrder.filter((x) => x !== id);
  return { items, acceptedOrder };
}

function withoutItem(state: InboxState, id: string): Partial<InboxState> {
  unconfirmed?.delete(id);
  if (!state.items[id]) return {};
  const items = { ...state.items };
  delete items[id];
  return {
    items,
    acceptedOrder: state.acceptedOrder.includes(id) ? state.acceptedOrder.filter((x) => x !== id) : state.acceptedOrder,
    selectedId: state.selectedId === id ? null : state.selectedId,
  };
}

const createOffersSlice: StateCreator<InboxState, [], [], OffersSlice> = (set) => ({
  items: {},
  selectedId: null,
  loaded: false,
  inboxLoaded: (list) =>
    set((state) => {
      const items: Record<string, InboxItem> = {};
      for (const item of list) {
        if (!CLOSED_STATUSES.has(item.handoff.status)) items[item.handoff.id] = item;
      }
      // Keep the order in which this agent took conversations; add ones this screen has not seen.
      const accepted = Object.keys(items).filter((id) => items[id]!.handoff.status === 'accepted');
      const acceptedOrder = [
        ...state.acceptedOrder.filter((id) => accepted.includes(id)),
        ...accepted.filter((id) => !state.acceptedOrder.includes(id)),
      ];
      return { items, acceptedOrder, loaded: true, selectedId: state.selectedId && items[state.selectedId] ? state.selectedId : null };
    }),
  inboxPageLoaded: (page, { first, last }) =>
    set((state) => {
      if (first) unconfirmed = new Set(Object.keys(state.items));
      const items = { ...state.items };
      for (const item of page) {
        const id = item.handoff.id;
        unconfirmed?.delete(id);
        if (CLOSED_STATUSES.has(item.handoff.status)) delete items[id];
        else items[id] = item;
      }
      if (last && unconfirmed) {
        for (const id of unconfirmed) delete items[id];
        unconfirmed = null;
      }
      const acceptedOrder = acceptedOrderOf(items, state.acceptedOrder);
      // `loaded` only with the last page: what later pages bring is not news (no alert, no banner).
      return { items, acceptedOrder, loaded: state.loaded || last, selectedId: state.selectedId && items[state.selectedId] ? state.selectedId : null };
    }),
  offerReceived: (item) => set((state) => withItem(state, item)),
  offerRevoked: ({ handoffId }) =>
    set((state) => (state.items[handoffId]?.handoff.status === 'accepted' ? {} : withoutItem(state, handoffId))),
  offerDeclined: (handoffId) => set((state) => withoutItem(state, handoffId)),
  offerSelected: (handoffId) => set({ selectedId: handoffId }),
});

const createAcceptedSlice: StateCreator<InboxState, [], [], AcceptedSlice> = (set) => ({
  acceptedOrder: [],
  handoffAccepted: (item) => set((state) => ({ ...withItem(state, item), selectedId: state.selectedId === item.handoff.id ? null : state.selectedId })),
  handoffUpdated: (item) => set((state) => withItem(state, item)),
});

export const useInboxStore = create<InboxState>()((...a) => ({
  ...createOffersSlice(...a),
  ...createAcceptedSlice(...a),
  reset: () => {
    unconfirmed = null;
    a[0]({ items: {}, selectedId: null, loaded: false, acceptedOrder: [] });
  },
}));
