// 'handoffs:reply' with the hub unreachable, against the real hub run as its own process: the reply
// waits in the local outbox marked pending instead of failing, and once the hub is back it is sent
// and reaches the hub exactly once, the pending mark replaced by the hub's message.
import Database from 'better-sqlite3';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { QueuedReply, SyncStatus } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import type { Message } from '../../../shared/domain';
import { HandoffAccepted, INGEST_PATHS, SIGNATURE_HEADERS, type HandoffRequest } from '../../../shared/ingest';
import { createAppServices, type AppServices } from '../app-services';
import { silentLogger } from '../logger';
import { localStorePlugin } from '../store/local-store-plugin';
import { addHubAgents, agentToken, freePort, HUB_TEST_SECRET, startHubProcess, type HubProcess } from '../sync/hub-process-kit';

let dir: string;
let dbPath: string;
let port: number;
let hub: HubProcess | null = null;
let services: AppServices | null = null;
const received: Message[] = [];

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function call<T>(method: string, args: unknown): Promise<T> {
  const result = await dispatchApiCall(services!.handlers, method as never, args as never, silentLogger);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function postHandoff(url: string): Promise<string> {
  const request: HandoffRequest = {
    eventId: 'evt-offline-reply-1',
    trigger: 'human_requested',
    customer: { id: 'cust-offline-1', name: 'Robin Hale', tier: 'standard' },
    conversation: {
      externalId: 'conv-offline-1',
      channel: 'chat',
      language: 'en',
      summary: 'Customer wants to change the delivery address of an order.',
      messages: [{ id: 'm-1', author: 'customer', text: 'Can I talk to a person?', at: new Date().toISOString() }],
    },
  };
  const body = JSON.stringify(request);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v1=${createHmac('sha256', HUB_TEST_SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
  const response = await fetch(new URL(INGEST_PATHS.handoffs, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.timestamp]: String(timestamp), [SIGNATURE_HEADERS.signature]: signature },
    body,
  });
  expect(response.status).toBe(202);
  return HandoffAccepted.parse(await response.json()).handoffId;
}

function agentMessagesAtHub(handoffId: string): { message_id: string; text: string }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT message_id, text FROM handoff_messages WHERE handoff_id = ? AND author = 'agent' ORDER BY at").all(handoffId) as never;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-offline-reply-'));
  dbPath = join(dir, 'hub.sqlite');
  addHubAgents(dbPath, ['ann']);
  port = await freePort();
  hub = await startHubProcess(dbPath, port);
  services = await createAppServices({ mode: 'hub', hubUrl: hub.url, token: agentToken('ann'), dataDir: join(dir, 'desktop') }, { log: silentLogger, plugins: [localStorePlugin()] });
  services.addEventSink((name, payload) => {
    if (name === 'message:received') received.push((payload as { message: Message }).message);
  });
}, 120_000);

afterAll(async () => {
  await services?.dispose();
  await hub?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a reply typed while the hub is down waits in the outbox, marked pending, and reaches the hub exactly once when it is back', async () => {
  await waitUntil(() => services!.link.state.status === 'open', 'the link to open');
  const handoffId = await postHandoff(hub!.url);
  await waitUntil(() => services!.inbox.get(handoffId) !== undefined, 'the offer');
  await call('handoffs:accept', { handoffId });

  // Online: sent at once, nothing pending.
  const online = await call<Message>('handoffs:reply', { handoffId, text: 'Hello Robin, I am looking into it.' });
  expect(online.pending).toBeFalsy();
  expect(agentMessagesAtHub(handoffId)).toHaveLength(1);

  await hub!.stop();
  await waitUntil(() => services!.link.state.status !== 'open', 'the link to notice the hub is gone');

  // Offline: the reply does not fail; it is queued and shown as not yet sent.
  const offline = await call<Message>('handoffs:reply', { handoffId, text: 'Your new address is saved; the courier will use it.' });
  expect(offline).toMatchObject({ author: 'agent', text: 'Your new address is saved; the courier will use it.', pending: true });
  expect(services!.inbox.get(handoffId)!.handoff.conversation.messages.find((m) => m.id === offline.id)?.pending).toBe(true);
  expect(received.find((m) => m.id === offline.id)?.pending).toBe(true);
  expect(await call<QueuedReply[]>('outbox:replies', { handoffId })).toMatchObject([{ messageId: offline.id, status: 'pending' }]);
  expect(await call<SyncStatus>('outbox:status', {})).toMatchObject({ online: false, pending: 1, failed: 0 });

  hub = await startHubProcess(dbPath, port);
  // Skip the link's backoff wait: the test is about what happens once it is back, not when.
  services!.link.reconnect();
  await waitUntil(async () => (await call<SyncStatus>('outbox:status', {})).pending === 0, 'the outbox to drain');

  const atHub = agentMessagesAtHub(handoffId);
  expect(atHub).toEqual([
    { message_id: online.id, text: 'Hello Robin, I am looking into it.' },
    { message_id: offline.id, text: 'Your new address is saved; the courier will use it.' },
  ]);
  await waitUntil(() => services!.inbox.get(handoffId)!.handoff.conversation.messages.some((m) => m.id === offline.id && !m.pending), 'the pending mark to clear');
  expect(services!.inbox.get(handoffId)!.handoff.conversation.messages.filter((m) => m.id === offline.id)).toHaveLength(1);
  const confirmed = received.filter((m) => m.id === offline.id);
  expect(confirmed.at(-1)?.pending).toBeFalsy();
  expect(await call<QueuedReply[]>('outbox:replies', { handoffId })).toEqual([]);

  // The outbox is empty, so reconnecting again sends nothing twice.
  services!.link.reconnect();
  await waitUntil(() => services!.link.state.status === 'open', 'the link to reopen');
  expect(agentMessagesAtHub(handoffId)).toHaveLength(2);
}, 180_000);
