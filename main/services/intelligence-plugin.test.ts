// The intelligence plugin joined to real services (demo mode, real model worker and ONNX files):
// its handlers answer through the composed API and find handoffs in the inbox.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatchApiCall } from '../../shared/api-dispatch';
import { createAppServices, type AppServices } from './app-services';
import { intelligencePlugin } from './intelligence-plugin';
import { silentLogger } from './logger';

let dir: string;
let services: AppServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-intel-plugin-'));
  services = await createAppServices({ mode: 'demo', dataDir: dir, demo: { burst: 1, cap: 1, followUpMessages: false } }, { log: silentLogger, plugins: [intelligencePlugin()] });
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
});
