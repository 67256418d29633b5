// What the API handler groups may use. Each group takes this and returns the handlers it owns.
import type { ApiHandlers, PresenceReason, QueuedReply } from '../../../shared/api';
import type { Clock } from '../../../shared/clock';
import type { Presence, Role } from '../../../shared/domain';
import type { HubLink } from '../hub-link/hub-link';
import type { Inbox } from '../inbox/inbox';
import type { ReplyLibraryStore } from '../intelligence/reply-library-store';
import type { Logger } from '../logger';

export interface ApiContext {
  mode: 'demo' | 'hub';
  /** The hub this desktop talks to (the embedded one in demo mode). */
  hubUrl: string | null;
  /** The role this desktop signs in as, until the hub's welcome says otherwise. */
  role: Role;
  link: HubLink;
  inbox: Inbox;
  clock: Clock;
  log: Logger;
  /** A fresh unique id (client-generated message ids make retried replies harmless). */
  newId(): string;
  /**
   * Why the OS made the agent Away, with the status it was for (presence-handlers.ts keeps it; the
   * session shows the reason only while the hub still reports that status). A holder, created with
   * the core handlers, so the plugins' copies of this context see the same reason.
   */
  presenceReason?: { current: { presence: Presence; reason: PresenceReason } | null };
  /** Where replies wait while the hub is unreachable; set once the local store's plugin has started. */
  replyOutbox?: ReplyOutbox;
  /** Where the reply library persists; set once the local store's plugin has started (else in memory). */
  replyLibraryStore?: ReplyLibraryStore;
}

/** Keeps a reply for sending once the hub is reachable again; the message id doubles as the idempotency key. */
export interface ReplyOutbox {
  queueReply(handoffId: string, messageId: string, text: string): QueuedReply;
}

/** A domain's share of the API: some of the methods, none of them twice. */
export type ApiHandlerGroup = Partial<ApiHandlers>;
