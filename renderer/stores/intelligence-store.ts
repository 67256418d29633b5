// What the on-device models said about each open conversation: reply suggestions and the mood
// trend. Absent until the intelligence service answers; when it cannot, the screen shows nothing
// rather than a guess.
import { create } from 'zustand';
import type { IntelligenceStatus, MoodTrend, ReplySuggestion } from '../../shared/intelligence';

export interface IntelligenceState {
  suggestions: Record<string, ReplySuggestion[] | undefined>;
  trends: Record<string, MoodTrend | undefined>;
  /** The suggestion the current draft started from, per handoff (reported as used on send). */
  chosen: Record<string, string | undefined>;
  status: IntelligenceStatus | null;

  suggestionsLoaded(handoffId: string, list: ReplySuggestion[]): void;
  trendLoaded(handoffId: string, trend: MoodTrend): void;
  suggestionChosen(handoffId: string, replyId: string | null): void;
  intelligenceStatusChanged(status: IntelligenceStatus): void;
  conversationForgotten(handoffId: string): void;
  reset(): void;
}

const initial = { suggestions: {}, trends: {}, chosen: {}, status: null };

export const useIntelligenceStore = create<IntelligenceState>()((set) => ({
  ...initial,
  suggestionsLoaded: (handoffId, list) => set((s) => ({ suggestions: { ...s.suggestions, [handoffId]: list } })),
  trendLoaded: (handoffId, trend) => set((s) => ({ trends: { ...s.trends, [handoffId]: trend } })),
  suggestionChosen: (handoffId, replyId) => set((s) => ({ chosen: { ...s.chosen, [handoffId]: replyId ?? undefined } })),
  intelligenceStatusChanged: (status) => set({ status }),
  conversationForgotten: (handoffId) =>
    set((s) => {
      const suggestions = { ...s.suggestions };
      const trends = { ...s.trends };
      const chosen = { ...s.chosen };
      delete suggestions[handoffId];
      delete trends[handoffId];
      delete chosen[handoffId];
      return { suggestions, trends, chosen };
    }),
  reset: () => set(initial),
}));
