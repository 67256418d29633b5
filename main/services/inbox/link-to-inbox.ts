// Feeds hub-link events into the inbox. Kept apart from both so either can be tested alone.
import { toDisposable, type Disposable } from '../../../shared/lifecycle';
import type { HubLink } from '../hub-link/hub-link';
import type { Inbox } from './inbox';

export function connectInboxToLink(inbox: Inbox, link: HubLink): Disposable {
  const unsubscribe = [
    link.on('offer', (e) => inbox.offerReceived(e.handoff, e.offerExpiresAt)),
    link.on('offer_revoked', (e) => inbox.offerRevoked(e.handoffId, e.reason)),
    link.on('handoff_updated', (e) => inbox.handoffUpdated(e.handoff)),
    link.on('message', (e) => inbox.messageReceived(e.handoffId, e.message)),
  ];
  return toDisposable(() => unsubscribe.forEach((off) => off()));
}
