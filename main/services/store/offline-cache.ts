// Keeps what the agent needs to work offline: every handoff they accepted, its conversation and the
// customer record, written as hub events arrive and updated live, plus the handoff event log.
// Offers are logged but not cached: a declined offer's customer data has no reason to be on disk.
import type { CacheSearchHit, CachedCustomer, CachedHandoff, InboxItem } from '../../../shared/api';
import type { Message, Sentiment } from '../../../shared/domain';
import type { OfferRevokeReason } from '../../../shared/hub-protocol';
import type { LocalStore } from './local-store';

export class OfflineCache {
  constructor(private readonly store: LocalStore) {}

  offerReceived(item: InboxItem): void {
    this.store.events.append(item.handoff.id, 'offered', { priority: item.handoff.priority, offerExpiresAt: item.offerExpiresAt });
  }

  offerAlerted(handoffId: string, detail = ''): void {
    this.store.events.append(handoffId, 'alerted', { detail });
  }

  offerRevoked(handoffId: string, reason: OfferRevokeReason): void {
    this.store.events.append(handoffId, 'revoked', { reason });
  }

  /** Called when this agent accepted (or already holds) the handoff. */
  handoffAccepted(item: InboxItem): void {
    const now = this.store.clock.now();
    this.store.transaction('cache.handoffAccepted', () => {
      const firstTime = !this.store.handoffs.has(item.handoff.id);
      this.store.handoffs.upsert(item, now);
      this.store.customers.upsert(item.handoff.customer, now);
      if (firstTime) this.store.events.append(item.handoff.id, 'accepted', { status: item.handoff.status });
    });
  }

  /** A live update from the hub; only handoffs already cached (accepted here) are written. */
  handoffUpdated(item: InboxItem): void {
    const now = this.store.clock.now();
    this.store.transaction('cache.handoffUpdated', () => {
      if (!this.store.handoffs.has(item.handoff.id)) return;
      const before = this.store.handoffs.get(item.handoff.id);
      this.store.handoffs.upsert(item, now);
      this.store.customers.upsert(item.handoff.customer, now);
      const status = item.handoff.status;
      if (before?.handoff.status !== status && (status === 'resolved' || status === 'transferred')) {
        this.store.events.append(item.handoff.id, status, {});
      }
    });
  }

  messageReceived(handoffId: string, message: Message): void {
    const now = this.store.clock.now();
    this.store.transaction('cache.messageReceived', () => {
      if (!this.store.handoffs.has(handoffId)) return;
      this.store.handoffs.appendMessage(handoffId, message, now);
      this.store.events.append(handoffId, 'message_received', {
        messageId: message.id,
        author: message.author,
      });
    });
  }

  /** Stores a sentiment computed on this device for a cached message. */
  sentimentScored(handoffId: string, messageId: string, sentiment: Sentiment): void {
    this.store.handoffs.setMessageSentiment(handoffId, messageId, sentiment);
  }

  getHandoff(handoffId: string): CachedHandoff | null {
    return this.store.handoffs.get(handoffId);
  }

  listHandoffs(): CachedHandoff[] {
    return this.store.handoffs.list();
  }

  getCustomer(customerId: string): CachedCustomer | null {
    return this.store.customers.get(customerId);
  }

  search(query: string, limit: number): CacheSearchHit[] {
    return [...this.store.handoffs.search(query, limit), ...this.store.customers.search(query, limit)].slice(0, limit);
  }
}
