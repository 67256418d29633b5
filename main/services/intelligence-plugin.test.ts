// The intelligence plugin joined to real services (demo mode, real model worker and ONNX files):
// its handlers answer through the composed API and find handoffs in the inbox.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchApiCall } from '../../shared/api-dispatch';
import type { CachedHandoff } from '../../shared/api';
import { SIGNATURE_HEADERS } from '../../shared/ingest';
import { createAppServices, type AppServices } from './app-services';
import { intelligencePlugin } from './intelligence-plugin';
import { silentLogger } from './logger';
import { localStorePlugin } from './store/local-store-plugin';

let dir: string;
let services: AppServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-intel-plugin-'));
  services = await createAppServices({ mode: 'demo', dataDir: dir, demo: { burst: 1, cap: 1, followUpMessages: false } }, { log: silentLogger, plugins: [localStorePlugin(), intelligencePlugin()] });
  await new Promise<void>((resolve) => {
    if (services.inbox.list().length > 0) return resolve();
    services.addEventSink((name) => name === 'offer:received' && resolve());
  });
});

afterAll(async () => {
  await services?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('intelligence plugin', () => {
  test('reports model status and suggests replies for a handoff in the inbox', async () => {
    const status = await dispatchApiCall(services.handlers, 'intelligence:status', {}, silentLogger);
    expect(status.ok).toBe(true);
    const handoffId = services.inbox.list()[0]!.handoff.id;
    const suggestions = await dispatchApiCall(services.handlers, 'suggestions:get', { handoffId }, silentLogger);
    expect(suggestions.ok).toBe(true);
    expect((suggestions as { value: unknown[] }).value.length).toBeGreaterThan(0);
    const missing = await dispatchApiCall(services.handlers, 'suggestions:get', { handoffId: 'nope' }, silentLogger);
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  test('a live customer message is scored on arrival, pushed to the renderer and kept in the local cache', async () => {
    const handoffId = services.inbox.list()[0]!.handoff.id;
    const accepted = await dispatchApiCall(services.handlers, 'handoffs:accept', { handoffId }, silentLogger);
    expect(accepted.ok).toBe(true);
    const pushed: boolean[] = [];
    services.addEventSink((name, payload) => {
      if (name !== 'handoff:updated') return;
      const item = payload as { handoff: { conversation: { messages: { id: string; sentiment?: unknown }[] } } };
      pushed.push(item.handoff.conversation.messages.some((m) => m.id === 'live-1' && m.sentiment));
    });
    // The bot platform posts a follow-up without its own sentiment estimate (signed like the platform does).
    const body = JSON.stringify({ eventId: 'evt-live-1', message: { id: 'live-1', text: 'This is ridiculous, I have waited for an hour and nobody helps me. Terrible!', at: new Date().toISOString() } });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v1=${createHmac('sha256', services.demo!.secret).update(`${timestamp}.${body}`).digest('hex')}`;
    const posted = await fetch(new URL(`/api/v1/conversations/${encodeURIComponent(handoffId)}/messages`, services.demo!.hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.timestamp]: String(timestamp), [SIGNATURE_HEADERS.signature]: signature },
      body,
    });
    expect(posted.status).toBe(202);

    const cachedLive = async () => {
      const cached = await dispatchApiCall(services.handlers, 'cache:handoff', { handoffId }, silentLogger);
      const value = cached.ok ? (cached.value as CachedHandoff | null) : null;
      return value?.handoff.conversation.messages.find((m) => m.id === 'live-1');
    };
    for (let i = 0; i < 500 && !(await cachedLive())?.sentiment; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    const live = services.inbox.get(handoffId)!.handoff.conversation.messages.find((m) => m.id === 'live-1');
    expect(live?.sentiment).toMatchObject({ label: 'negative', source: 'baton-sentiment-mini' });
    expect((await cachedLive())?.sentiment).toEqual(live!.sentiment);
    expect(pushed).toContain(true);
  });
});
