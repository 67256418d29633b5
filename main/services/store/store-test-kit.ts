// Test support for the store's own tests (and the sync tests): a real store in a temp folder, and a
// realistic handoff to cache. Not imported by production code.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InboxItem } from '../../../shared/api';
import type { Clock } from '../../../shared/clock';
import type { KeyProvider } from './key-provider';
import { LocalStore, STORE_FILE_NAME } from './local-store';
import type { StoreLog } from './store-log';

export interface TempStore {
  store: LocalStore;
  dir: string;
  path: string;
  key: Buffer;
  reopen(): Promise<LocalStore>;
  cleanup(): void;
}

export function fixedKeyProvider(key: Buffer): KeyProvider {
  return { getKey: async () => key };
}

export async function openTempStore(options: { clock?: Clock; synchronous?: 'FULL' | 'NORMAL'; indexBatchSize?: number; indexBatchMs?: number; log?: StoreLog } = {}): Promise<TempStore> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-store-'));
  const path = join(dir, STORE_FILE_NAME);
  const key = randomBytes(32);
  const open = () => LocalStore.open({ path, keyProvider: fixedKeyProvider(key), ...options });
  const temp: TempStore = {
    store: await open(),
    dir,
    path,
    key,
    async reopen() {
      temp.store.dispose();
      temp.store = await open();
      return temp.store;
    },
    cleanup() {
      temp.store.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return temp;
}

export function sampleInboxItem(overrides: { id?: string; customerId?: string; customerName?: string; status?: 'offered' | 'accepted' | 'resolved' } = {}): InboxItem {
  const id = overrides.id ?? 'h-1';
  return {
    offerExpiresAt: null,
    handoff: {
      id,
      status: overrides.status ?? 'accepted',
      priority: 'P2',
      queue: 'billing',
      trigger: 'negative_sentiment',
      receivedAt: '2026-01-05T09:00:00.000Z',
      slaDeadline: '2026-01-05T09:10:00.000Z',
      customer: {
        id: overrides.customerId ?? 'c-1',
        name: overrides.customerName ?? 'Margarethe Okafor',
        email: 'margarethe@example.com',
        tier: 'vip',
        plan: 'Business Annual',
        pastConversations: [],
        openItems: [{ id: 'ORD-7781', kind: 'order', title: 'Annual plan renewal', status: 'delayed' }],
      },
      conversation: {
        externalId: `ext-${id}`,
        channel: 'chat',
        language: 'en',
        intent: 'refund_request',
        recentIntents: [],
        summary: 'Customer was double charged for the annual plan and wants a refund.',
        stepsTaken: ['Checked invoice'],
        collectedData: {},
        failedAttempts: 2,
        messages: [
          { id: 'm-1', author: 'customer', text: 'I was charged twice for my subscription!', at: '2026-01-05T08:58:00.000Z' },
          { id: 'm-2', author: 'bot', text: 'I am sorry to hear that, let me check.', at: '2026-01-05T08:58:30.000Z' },
        ],
      },
      rules: [],
    },
  };
}
