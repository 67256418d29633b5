// Joins the local store and the outbox sync to the desktop services (a ServicePlugin): opens the
// store in the data folder, caches what the hub link delivers, queues notes, drains the outbox
// through the hub link, purges expired customer data, and contributes the API handlers.
import { join } from 'node:path';
import { z } from 'zod';
import type { Handoff, Message } from '../../../shared/domain';
import { DisposableStore, toDisposable } from '../../../shared/lifecycle';
import type { ServicePlugin } from '../service-plugin';
import { OutboxSync } from '../sync/outbox-sync';
import { hubLinkSyncTransport } from '../sync/sync-transport';
import { FileKeyProvider, type KeyProvider } from './key-provider';
import { LocalStore, STORE_FILE_NAME } from './local-store';
import { NotesService } from './notes-service';
import { OfflineCache } from './offline-cache';
import { DEFAULT_RETENTION_DAYS, purgeExpired } from './retention';
import { storeHandlers } from './store-handlers';

export const KEY_FILE_NAME = 'baton-local.key';
export const RETENTION_DAYS_SETTING = 'store.retentionDays';
const LAST_AGENT_SETTING = 'store.lastAgentId';
const RETENTION_SWEEP_MS = 6 * 60 * 60 * 1000;

export interface LocalStorePluginOptions {
  /** Electron passes a SealedFileKeyProvider over safeStorage; the default is a 0600 key file (browser host). */
  keyProvider?: (dataDir: string) => KeyProvider;
}

export function localStorePlugin(options: LocalStorePluginOptions = {}): ServicePlugin {
  return {
    name: 'local-store',
    async start(ctx) {
      const { link, clock, log, events } = ctx;
      const owned = new DisposableStore();
      const keyProvider = options.keyProvider?.(ctx.config.dataDir) ?? new FileKeyProvider(join(ctx.config.dataDir, KEY_FILE_NAME));
      const store = await LocalStore.open({ path: join(ctx.config.dataDir, STORE_FILE_NAME), keyProvider, clock, log });
      owned.add(store);
      try {
        const cache = new OfflineCache(store);
        const authorId = () => link.agent?.id ?? store.settings.get(LAST_AGENT_SETTING, z.string().min(1), 'unknown-agent');
        let sync: OutboxSync | null = null;
        const notes = new NotesService(store, {
          authorId,
          onChanged: (change) => events.emit('notes:changed', change),
          onQueued: () => sync?.kick(),
        });
        sync = new OutboxSync({
          store,
          transport: hubLinkSyncTransport(link),
          clock,
          log,
          onNoteChanged: (change) => events.emit('notes:changed', change),
          onStatus: (status) => events.emit('sync:status', status),
          onReplySent: (handoffId, message) => ctx.inbox.messageReceived(handoffId, message),
        });
        const running = sync;
        // Disposed before the store: the drain must not write into a closed database.
        owned.add(toDisposable(async () => {
          running.dispose();
          await running.whenIdle();
        }));

        const guarded = <T>(what: string, handle: (payload: T) => void) => (payload: T) => {
          try {
            handle(payload);
          } catch (error) {
            log.error(`local-store: caching ${what} failed`, error);
          }
        };
        const accepted = (handoff: Handoff) => handoff.status === 'accepted' && handoff.assignedAgentId !== undefined && handoff.assignedAgentId === link.agent?.id;
        const offs = [
          link.on('welcome', guarded('welcome', ({ agent }) => store.settings.set(LAST_AGENT_SETTING, agent.id))),
          link.on('offer', guarded('an offer', (e) => cache.offerReceived({ handoff: e.handoff, offerExpiresAt: e.offerExpiresAt }))),
          link.on('offer_revoked', guarded('a revoked offer', (e) => cache.offerRevoked(e.handoffId, e.reason))),
          link.on(
            'handoff_updated',
            guarded('a handoff update', (e) => {
              // The inbox (fed first) holds the same handoff with the scores this desktop gave it.
              const held = ctx.inbox.get(e.handoff.id)?.handoff;
              const item = { handoff: held && held.status === e.handoff.status ? held : e.handoff, offerExpiresAt: null };
              if (accepted(e.handoff)) cache.handoffAccepted(item);
              else cache.handoffUpdated(item);
            }),
          ),
          link.on('message', guarded('a message', (e) => cache.messageReceived(e.handoffId, e.message))),
          ctx.inbox.onMessagesScored((handoffId, messages) =>
            guarded('sentiment scores', (scored: readonly Message[]) => {
              for (const m of scored) if (m.sentiment) cache.sentimentScored(handoffId, m.id, m.sentiment);
            })(messages),
          ),
        ];
        owned.add(toDisposable(() => offs.forEach((off) => off())));

        const sweep = () => {
          try {
            purgeExpired(store, store.settings.get(RETENTION_DAYS_SETTING, z.number().int().min(1).max(3_650), DEFAULT_RETENTION_DAYS));
          } catch (error) {
            log.error('local-store: retention purge failed', error);
          }
          timer = clock.setTimeout(sweep, RETENTION_SWEEP_MS);
        };
        let timer = clock.setTimeout(sweep, 0);
        owned.add(toDisposable(() => clock.clearTimeout(timer)));

        sync.kick();
        return {
          handlers: storeHandlers({ store, notes, cache, sync }),
          replyOutbox: sync,
          replyLibraryStore: store.replies,
          dispose: () => owned.dispose(),
        };
      } catch (error) {
        await owned.dispose();
        throw error;
      }
    },
  };
}
