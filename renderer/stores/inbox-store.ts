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

function withItem(state: InboxState, item: InboxItem): Pick<InboxState, 'items' | 'acceptedOrder'> {
  const id = item.handoff.id;
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
  reset: () => a[0]({ items: {}, selectedId: null, loaded: false, acceptedOrder: [] }),
}));
