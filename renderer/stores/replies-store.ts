// The reply library as the Settings editor shows it (defaults, the team's macros, this agent's good
// replies, with usage counts), and which transcript messages this agent marked as good. Filled by
// baton-client.ts; `replies:changed` reloads it while the editor is open.
import { create } from 'zustand';
import type { ReplyLibraryEntry } from '../../shared/intelligence';

export interface RepliesState {
  /** Null until loaded (or when the library is unavailable, then `error` says why). */
  entries: ReplyLibraryEntry[] | null;
  error: string | null;
  /** Transcript message id → the agent macro it became. */
  marked: Record<string, string | undefined>;

  libraryLoaded(entries: ReplyLibraryEntry[]): void;
  libraryFailed(message: string): void;
  replyMarkedGood(messageId: string, replyId: string): void;
  reset(): void;
}

const initial = { entries: null, error: null, marked: {} };

export const useRepliesStore = create<RepliesState>()((set) => ({
  ...initial,
  libraryLoaded: (entries) => set({ entries, error: null }),
  libraryFailed: (error) => set({ error }),
  replyMarkedGood: (messageId, replyId) => set((s) => ({ marked: { ...s.marked, [messageId]: replyId } })),
  reset: () => set(initial),
}));

export const selectReplyEntries = (s: RepliesState) => s.entries;
export const selectRepliesError = (s: RepliesState) => s.error;
export const selectMarkedReply = (messageId: string) => (s: RepliesState) => s.marked[messageId];
