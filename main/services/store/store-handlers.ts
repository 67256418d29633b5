// The renderer API's notes, drafts, outbox and offline-cache methods, as a handler group for the
// composition root (see local-store-plugin.ts). Arguments arrive validated by api-dispatch.
import { randomUUID } from 'node:crypto';
import type { ApiHandlerGroup } from '../api/api-context';
import type { OutboxSync } from '../sync/outbox-sync';
import type { LocalStore } from './local-store';
import type { NotesService } from './notes-service';
import type { OfflineCache } from './offline-cache';

export interface StoreHandlerDeps {
  store: LocalStore;
  notes: NotesService;
  cache: OfflineCache;
  sync: OutboxSync;
}

export function storeHandlers({ store, notes, cache, sync }: StoreHandlerDeps): ApiHandlerGroup {
  return {
    'notes:list': ({ subject }) => notes.list(subject),
    'notes:create': ({ subject, body }) => notes.create(subject, body),
    'notes:update': ({ noteId, body }) => notes.update(noteId, body),
    'notes:delete': ({ noteId }) => {
      notes.delete(noteId);
      return null;
    },
    'notes:search': ({ query, limit }) => notes.search(query, limit),
    'notes:searchWithIndexing': ({ query, limit }) => notes.searchWithIndexing(query, limit),
    'notes:revisions': ({ noteId }) => notes.revisions(noteId),
    'cache:search': ({ query, limit }) => cache.search(query, limit),
    'cache:customer': ({ customerId }) => cache.getCustomer(customerId),
    'cache:handoffs': () => cache.listHandoffs(),
    'cache:handoff': ({ handoffId }) => cache.getHandoff(handoffId),
    'drafts:get': ({ handoffId }) => store.drafts.get(handoffId),
    'drafts:save': ({ handoffId, text }) => store.drafts.save(handoffId, text),
    'outbox:status': () => sync.status(),
    'outbox:retry': () => sync.retryFailed(),
    'events:export': ({ handoffId }) => ({ jsonl: store.events.exportJsonLines(handoffId) }),
    'outbox:queueReply': ({ handoffId, text }) => sync.queueReply(handoffId, randomUUID(), text),
    'outbox:replies': ({ handoffId }) => sync.queuedReplies(handoffId),
  };
}
