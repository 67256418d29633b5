// The plugin as the composition root starts it: a real data folder, a real (offline) hub link,
// the API handlers it contributes and the events it pushes.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiMethods, type EventName, type MethodName } from '../../../shared/api';
import { systemClock } from '../../../shared/clock';
import type { ApiHandlerGroup } from '../api/api-context';
import { parseAppConfig } from '../app-config';
import { EventFanout } from '../event-fanout';
import { HubLink } from '../hub-link/hub-link';
import { Inbox } from '../inbox/inbox';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import { silentLogger } from '../logger';
import type { PluginInstance } from '../service-plugin';
import { freePort } from '../sync/hub-process-kit';
import { KEY_FILE_NAME, localStorePlugin } from './local-store-plugin';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startPlugin(dataDir: string, port: number) {
  const link = new HubLink({ url: `http://127.0.0.1:${port}`, token: 'token-nobody-listens', backoff: { baseMs: 50, maxMs: 100 } });
  const events = new EventFanout();
  const seen: { event: EventName; payload: unknown }[] = [];
  events.add((event, payload) => seen.push({ event, payload }));
  const config = parseAppConfig({ mode: 'hub', hubUrl: `http://127.0.0.1:${port}`, token: 'token-nobody-listens', dataDir });
  const instance: PluginInstance = await localStorePlugin().start({
    mode: 'hub',
    hubUrl: config.hubUrl!,
    role: 'agent',
    link,
    inbox: new Inbox(() => null, systemClock),
    clock: systemClock,
    log: silentLogger,
    newId: () => crypto.randomUUID(),
    config,
    events,
  });
  link.start();
  const handlers = instance.handlers as ApiHandlerGroup;
  const call = async <N extends MethodName>(method: N, args: unknown) => {
    const handler = handlers[method] as (args: unknown) => unknown;
    return apiMethods[method].result.parse(await handler(apiMethods[method].args.parse(args)));
  };
  const stop = async () => {
    await instance.dispose?.();
    await link.stop();
  };
  return { call, handlers, seen, stop };
}

describe('localStorePlugin', () => {
  it('serves notes, drafts, search, outbox status and the event log offline, and keeps them across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-plugin-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const first = await startPlugin(dataDir, port);
    cleanups.push(first.stop);

    const note = (await first.call('notes:create', { subject: { kind: 'handoff', handoffId: 'h-1' }, body: '  Customer wants a callback tomorrow  ' })) as { id: string };
    expect(note).toMatchObject({ body: 'Customer wants a callback tomorrow', syncStatus: 'pending' });
    expect(first.seen.find((e) => e.event === 'notes:changed')?.payload).toMatchObject({ deleted: false, note: { id: note.id } });
    const status = await first.call('outbox:status', {});
    expect(status).toMatchObject({ online: false, pending: 1, failed: 0 });
    expect((status as { offlineSince: string | null }).offlineSince).not.toBeNull();
    expect(await first.call('notes:search', { query: 'callback' })).toHaveLength(1);
    // The store was empty at start: its index is built, so search says nothing about indexing.
    expect(await first.call('notes:searchWithIndexing', { query: 'callback' })).toEqual({ hits: [expect.objectContaining({ note: expect.objectContaining({ id: note.id }) })] });
    await first.call('drafts:save', { handoffId: 'h-1', text: 'Hello, I am looking into' });
    const queued = await first.call('outbox:queueReply', { handoffId: 'h-1', text: 'I will call you back at 3pm.' });
    expect(queued).toMatchObject({ status: 'pending', text: 'I will call you back at 3pm.' });
    expect(await first.call('outbox:replies', { handoffId: 'h-1' })).toEqual([queued]);
    expect(await first.call('outbox:status', {})).toMatchObject({ pending: 2 });
    const exported = (await first.call('events:export', { handoffId: 'h-1' })) as { jsonl: string };
    expect(exported.jsonl.split('\n').map((line) => JSON.parse(line).kind)).toEqual(['note_added', 'reply_queued']);
    expect(statSync(join(dataDir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    await first.stop();
    cleanups.pop();

    const second = await startPlugin(dataDir, port);
    cleanups.push(second.stop);
    expect(await second.call('notes:list', { subject: { kind: 'handoff', handoffId: 'h-1' } })).toMatchObject([{ id: note.id, syncStatus: 'pending' }]);
    expect(await second.call('drafts:get', { handoffId: 'h-1' })).toMatchObject({ text: 'Hello, I am looking into' });
    // Serving at once after a restart; the index is rebuilt in the background and search says how far it got.
    const during = (await second.call('notes:searchWithIndexing', { query: 'callback' })) as { hits: unknown[]; indexing?: { done: number; total: number } };
    expect(during.indexing).toEqual({ done: 0, total: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await second.call('notes:searchWithIndexing', { query: 'callback' })).toEqual({ hits: [expect.objectContaining({ note: expect.objectContaining({ id: note.id }) })] });
    expect(await second.call('cache:customer', { customerId: 'c-unknown' })).toBeNull();
    expect(await second.call('cache:handoffs', {})).toEqual([]);
    expect(await second.call('cache:handoff', { handoffId: 'h-1' })).toBeNull();
    await expect(second.call('notes:update', { noteId: 'missing', body: 'x' })).rejects.toThrow(/no note/);
    // Through the dispatcher both transports use: bad search input is refused naming the field.
    for (const [args, field] of [[{ query: 42 }, 'query'], [{ query: 'x'.repeat(501) }, 'query'], [{ query: 'a', limit: 0 }, 'limit']] as const) {
      const bad = await dispatchApiCall(second.handlers as Parameters<typeof dispatchApiCall>[0], 'notes:searchWithIndexing', args, silentLogger);
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining(field) } });
    }
  }, 60_000);
});
