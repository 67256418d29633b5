// What this agent has in front of them: offers waiting for an answer and handoffs they accepted.
// Fed by hub events (actions named after them); every change is reported once, as the renderer
// event it becomes, so the UI never sees the same offer or message twice.
import type { EventName, EventPayload, InboxCursor, InboxItem, InboxPage } from '../../../shared/api';
import { inboxPage } from '../../../shared/inbox-paging';
import { systemClock, type Clock } from '../../../shared/clock';
import { PRIORITIES, type Handoff, type Message, type Sentiment } from '../../../shared/domain';
import type { OfferRevokeReason } from '../../../shared/hub-protocol';

export type InboxChange = {
  [E in Extract<EventName, 'offer:received' | 'offer:revoked' | 'handoff:updated' | 'message:received'>]: { event: E; payload: EventPayload<E> };
}[Extract<EventName, 'offer:received' | 'offer:revoked' | 'handoff:updated' | 'message:received'>];

/** An offer whose deadline passed more than this long ago is history (a resend), not news. */
const EXPIRED_OFFER_GRACE_MS = 2_000;

export class Inbox {
  private readonly items = new Map<string, InboxItem>();
  private readonly listeners = new Set<(change: InboxChange) => void>();
  private readonly scoreListeners = new Set<(handoffId: string, messages: readonly Message[]) => void>();

  constructor(
    /** The signed-in agent's id, once the hub has said who we are. */
    private readonly currentAgentId: () => string | null,
    private readonly clock: Clock = systemClock,
  ) {}

  onChange(listener: (change: InboxChange) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Messages that took an on-device sentiment score (the local cache keeps them). */
  onMessagesScored(listener: (handoffId: string, messages: readonly Message[]) => void): () => void {
    this.scoreListeners.add(listener);
    return () => {
      this.scoreListeners.delete(listener);
    };
  }

  /** Offers first by priority (P1 first), then oldest first; accepted handoffs after offers. */
  list(): InboxItem[] {
    return [...this.items.values()].sort(compareItems);
  }

  /** A page of the inbox after `after` (see shared/inbox-paging.ts): accepted work, then offers. */
  page(after: InboxCursor | null, limit: number): InboxPage {
    return inboxPage(this.items.values(), after, limit);
  }

  get(handoffId: string): InboxItem | undefined {
    return this.items.get(handoffId);
  }

  waitingOffers(): number {
    let count = 0;
    for (const item of this.items.values()) if (item.offerExpiresAt !== null) count++;
    return count;
  }

  offerReceived(handoff: Handoff, offerExpiresAt: string): void {
    if (Date.parse(offerExpiresAt) + EXPIRED_OFFER_GRACE_MS < this.clock.now()) return;
    const existing = this.items.get(handoff.id);
    if (existing && existing.offerExpiresAt === null) return; // already accepted here
    const item: InboxItem = { handoff: keepMessages(existing?.handoff, handoff), offerExpiresAt };
    this.items.set(handoff.id, item);
    if (existing) this.notify({ event: 'handoff:updated', payload: item });
    else this.notify({ event: 'offer:received', payload: item });
  }

  offerRevoked(handoffId: string, reason: OfferRevokeReason): void {
    const existing = this.items.get(handoffId);
    if (!existing || existing.offerExpiresAt === null) return;
    this.items.delete(handoffId);
    this.notify({ event: 'offer:revoked', payload: { handoffId, reason } });
  }

  /** Returns the item as the inbox now holds it (accepted, still offered, or gone). */
  handoffUpdated(handoff: Handoff): InboxItem {
    const existing = this.items.get(handoff.id);
    const me = this.currentAgentId();
    const mine = me !== null && handoff.assignedAgentId === me;
    if (handoff.status === 'accepted' && mine) {
      const item: InboxItem = { handoff: keepMessages(existing?.handoff, handoff), offerExpiresAt: null };
      this.items.set(handoff.id, item);
      this.notify({ event: 'handoff:updated', payload: item });
      return item;
    }
    if (handoff.status === 'offered' && mine && existing) {
      const item: InboxItem = { handoff: keepMessages(existing.handoff, handoff), offerExpiresAt: existing.offerExpiresAt };
      this.items.set(handoff.id, item);
      this.notify({ event: 'handoff:updated', payload: item });
      return item;
    }
    // Resolved, transferred, abandoned, back in a queue, or someone else's: it leaves this inbox.
    const item: InboxItem = { handoff, offerExpiresAt: null };
    if (existing) {
      this.items.delete(handoff.id);
      this.notify({ event: 'handoff:updated', payload: item });
    }
    return item;
  }

  /** Returns false when the message was already known (a resend or the echo of our own reply). */
  messageReceived(handoffId: string, message: Message): boolean {
    const existing = this.items.get(handoffId);
    if (existing) {
      const messages = existing.handoff.conversation.messages;
      const earlier = messages.find((m) => m.id === message.id);
      // A reply that waited in the outbox comes back confirmed by the hub: it replaces the pending one.
      if (earlier && !(earlier.pending && !message.pending)) return false;
      const next = earlier ? messages.map((m) => (m.id === message.id ? message : m)) : [...messages, message];
      const handoff: Handoff = { ...existing.handoff, conversation: { ...existing.handoff.conversation, messages: next } };
      this.items.set(handoffId, { ...existing, handoff });
    }
    this.notify({ event: 'message:received', payload: { handoffId, message } });
    return true;
  }

  /**
   * Attaches on-device sentiment scores to messages this inbox holds and pushes the item again, so
   * the mood markers show. Returns the messages that took a score (unknown ids are skipped).
   */
  messagesScored(handoffId: string, scores: ReadonlyMap<string, Sentiment>): Message[] {
    const existing = this.items.get(handoffId);
    if (!existing || scores.size === 0) return [];
    const scored: Message[] = [];
    const messages = existing.handoff.conversation.messages.map((m) => {
      const sentiment = scores.get(m.id);
      if (!sentiment || m.sentiment) return m;
      const next = { ...m, sentiment };
      scored.push(next);
      return next;
    });
    if (scored.length === 0) return [];
    const item: InboxItem = { ...existing, handoff: { ...existing.handoff, conversation: { ...existing.handoff.conversation, messages } } };
    this.items.set(handoffId, item);
    this.notify({ event: 'handoff:updated', payload: item });
    for (const listener of [...this.scoreListeners]) listener(handoffId, scored);
    return scored;
  }

  clear(): void {
    this.items.clear();
  }

  private notify(change: InboxChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}

/**
 * A handoff update may carry the transcript as of routing time; keep messages that arrived since,
 * and the scores this desktop already gave (the hub does not store on-device sentiment).
 */
function keepMessages(previous: Handoff | undefined, next: Handoff): Handoff {
  if (!previous) return next;
  const before = new Map(previous.conversation.messages.map((m) => [m.id, m]));
  const known = new Set(next.conversation.messages.map((m) => m.id));
  const extra = previous.conversation.messages.filter((m) => !known.has(m.id));
  let rescored = false;
  const kept = next.conversation.messages.map((m) => {
    const sentiment = before.get(m.id)?.sentiment;
    if (m.sentiment || !sentiment) return m;
    rescored = true;
    return { ...m, sentiment };
  });
  if (extra.length === 0 && !rescored) return next;
  return { ...next, conversation: { ...next.conversation, messages: [...kept, ...extra] } };
}

function compareItems(a: InboxItem, b: InboxItem): number {
  const offerA = a.offerExpiresAt === null ? 1 : 0;
  const offerB = b.offerExpiresAt === null ? 1 : 0;
  if (offerA !== offerB) return offerA - offerB;
  const priority = PRIORITIES.indexOf(a.handoff.priority) - PRIORITIES.indexOf(b.handoff.priority);
  if (priority !== 0) return priority;
  return Date.parse(a.handoff.receivedAt) - Date.parse(b.handoff.receivedAt);
}
