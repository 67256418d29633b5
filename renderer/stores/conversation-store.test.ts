// A reply typed offline is shown once, marked not sent, and the hub's confirmed copy replaces it —
// whether it arrives as a live message or is already in the handoff's transcript.
import { beforeEach, describe, expect, test } from 'vitest';
import type { Message } from '../../shared/domain';
import { mergeTranscript } from './conversation-selectors';
import { useConversationStore } from './conversation-store';

const customer: Message = { id: 'm-1', author: 'customer', text: 'Hello?', at: '2026-11-26T10:00:00.000Z' };
const queued: Message = { id: 'r-1', author: 'agent', text: 'On it.', at: '2026-11-26T10:01:00.000Z', pending: true };
const sent: Message = { id: 'r-1', author: 'agent', text: 'On it.', at: '2026-11-26T10:02:00.000Z' };

beforeEach(() => useConversationStore.getState().reset());

describe('replies that waited offline', () => {
  test('the confirmed message replaces the pending one in the live list, once', () => {
    const store = useConversationStore.getState();
    store.replySent('h-1', queued);
    store.messageReceived({ handoffId: 'h-1', message: sent });
    expect(useConversationStore.getState().liveMessages['h-1']).toEqual([sent]);
    // A late pending copy never brings the mark back.
    useConversationStore.getState().messageReceived({ handoffId: 'h-1', message: queued });
    expect(useConversationStore.getState().liveMessages['h-1']).toEqual([sent]);
  });

  test('the transcript shows the confirmed copy when the handoff still holds the pending one', () => {
    expect(mergeTranscript([customer, queued], [sent])).toEqual([customer, sent]);
    expect(mergeTranscript([customer, sent], [queued])).toEqual([customer, sent]);
  });
});
