// The handoff cards the browser host's alert ladder shows inside the page (step 3): the offers the
// services' alert policy asked to bring forward, oldest first. Set by browser-notifications.ts from
// the `alerts:card` event, read by components/alert-card-layer.tsx.
import { create } from 'zustand';

export interface AlertCardsState {
  ids: string[];
  cardShown(handoffId: string): void;
  cardHidden(handoffId: string): void;
  reset(): void;
}

export const useAlertCardsStore = create<AlertCardsState>()((set) => ({
  ids: [],
  cardShown: (handoffId) => set((state) => (state.ids.includes(handoffId) ? {} : { ids: [...state.ids, handoffId] })),
  cardHidden: (handoffId) => set((state) => (state.ids.includes(handoffId) ? { ids: state.ids.filter((id) => id !== handoffId) } : {})),
  reset: () => set({ ids: [] }),
}));
