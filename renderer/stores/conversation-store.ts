// The conversations the agent works in: which one is on screen, messages that arrived after the
// handoff was loaded, drafts, and the state of in-flight sends and resolves.
import { create } from 'zustand';
import type { Message } from '../../shared/domain';

export interface ConversationState {
  activeHandoffId: string | null;
  /** Messages received live or sent here, per handoff; merged with the handoff's own transcript. */
  liveMessages: Record<string, Message[]>;
  drafts: Record<string, string>;
  /** Where each draft's current text came from: typed here, or loaded from the local store. */
  draftOrigin: Record<string, 'typed' | 'store'>;
  sending: Record<string, boolean>;
  /** Last failure per handoff (send, resolve), shown next to the control that failed. */
  errors: Record<string, string | undefined>;

  conversationOpened(handoffId: string | null): void;
  messageReceived(event: { handoffId: string; message: Message }): void;
  draftChanged(handoffId: string, text: string): void;
  draftRestored(handoffId: string, text: string): void;
  replyStarted(handoffId: string): void;
  replySent(handoffId: string, message: Message): void;
  conversationFailed(handoffId: string, message: string): void;
  conversationClosed(handoffId: string, nextActiveId: string | null): void;
  reset(): void;
}

function appendOnce(list: Message[] | undefined, message: Message): Message[] {
  const earlier = list?.find((m) => m.id === message.id);
  // A reply that waited offline comes back confirmed: it replaces the "not sent yet" one.
  if (list && earlier) return earlier.pending && !message.pending ? list.map((m) => (m.id === message.id ? message : m)) : list;
  return [...(list ?? []), message];
}

const initial = { activeHandoffId: null, liveMessages: {}, drafts: {}, draftOrigin: {}, sending: {}, errors: {} };

export const useConversationStore = create<ConversationState>()((set) => ({
  ...initial,
  conversationOpened: (handoffId) => set({ activeHandoffId: handoffId }),
  messageReceived: ({ handoffId, message }) =>
    set((state) => {
      const next = appendOnce(state.liveMessages[handoffId], message);
      return next === state.liveMessages[handoffId] ? {} : { liveMessages: { ...state.liveMessages, [handoffId]: next } };
    }),
  draftChanged: (handoffId, text) =>
    set((state) => ({ drafts: { ...state.drafts, [handoffId]: text }, draftOrigin: { ...state.draftOrigin, [handoffId]: 'typed' } })),
  draftRestored: (handoffId, text) =>
    set((state) =>
      // Never overwrite what the agent has typed since the conversation opened.
      state.drafts[handoffId] ? {} : { drafts: { ...state.drafts, [handoffId]: text }, draftOrigin: { ...state.draftOrigin, [handoffId]: 'store' } },
    ),
  replyStarted: (handoffId) =>
    set((state) => ({ sending: { ...state.sending, [handoffId]: true }, errors: { ...state.errors, [handoffId]: undefined } })),
  replySent: (handoffId, message) =>
    set((state) => ({
      sending: { ...state.sending, [handoffId]: false },
      drafts: { ...state.drafts, [handoffId]: '' },
      draftOrigin: { ...state.draftOrigin, [handoffId]: 'typed' },
      liveMessages: { ...state.liveMessages, [handoffId]: appendOnce(state.liveMessages[handoffId], message) },
    })),
  conversationFailed: (handoffId, message) =>
    set((state) => ({ sending: { ...state.sending, [handoffId]: false }, errors: { ...state.errors, [handoffId]: message } })),
  conversationClosed: (handoffId, nextActiveId) =>
    set((state) => {
      const liveMessages = { ...state.liveMessages };
      const drafts = { ...state.drafts };
      delete liveMessages[handoffId];
      delete drafts[handoffId];
      return {
        liveMessages,
        drafts,
        activeHandoffId: state.activeHandoffId === handoffId ? nextActiveId : state.activeHandoffId,
      };
    }),
  reset: () => set(initial),
}));
