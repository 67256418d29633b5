// The settings service through the real dispatcher: get/update, errors naming the field, the
// settings:changed event, demo mode's read-only hub, and a new hub address + token carried to a
// real HubLink, which signs in to the new address (a loopback WebSocket server recording `hello`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import type { ApiHandlers, EventName } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import { ManualClock } from '../../../shared/clock';
import { HUB_PROTOCOL } from '../../../shared/hub-protocol';
import { DisposableStore } from '../../../shared/lifecycle';
import { parseAppConfig } from '../app-config';
import { EventFanout } from '../event-fanout';
import { HubLink } from '../hub-link/hub-link';
import { Inbox } from '../inbox/inbox';
import { silentLogger } from '../logger';
import type { PluginContext } from '../service-plugin';
import { currentSession } from '../api/session-handlers';
import { settingsPlugin } from './settings-plugin';
import { SettingsStore } from './settings-store';

let dir: string;
const owned = new Set<{ dispose(): unknown }>();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-settings-plugin-'));
});
afterEach(async () => {
  for (const item of [...owned].reverse()) await item.dispose();
  owned.clear();
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback server that speaks just enough of the hub protocol to record who says hello. */
async function helloRecorder(): Promise<{ url: string; hellos: Array<{ token: string }> }> {
  const hellos: Array<{ token: string }> = [];
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => HUB_PROTOCOL });
  server.on('connection', (socket) =>
    socket.on('message', (data) => {
      const hello = JSON.parse(String(data)) as { token: string };
      hellos.push(hello);
      // A token the hub does not know: refused for good, as the real hub does.
      if (hello.token === 'baton_refused') socket.close(4401, 'unknown token');
    }),
  );
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  owned.add({
    dispose: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hellos };
}

async function startPlugin(mode: 'demo' | 'hub', hubUrl: string, token = 'baton_first-token') {
  const clock = new ManualClock();
  const link = new HubLink({ url: hubUrl, token, clock, log: silentLogger });
  owned.add(link);
  const inbox = new Inbox(() => null, clock);
  const events = new EventFanout();
  const emitted: Array<{ name: EventName; payload: unknown }> = [];
  events.add((name, payload) => void emitted.push({ name, payload }));
  const config = parseAppConfig(mode === 'hub' ? { mode, hubUrl, token, dataDir: dir } : { mode, dataDir: dir });
  const ctx: PluginContext = { mode, hubUrl, role: 'agent', link, inbox, clock, log: silentLogger, newId: () => 'id', config, events };
  const instance = await settingsPlugin().start(ctx);
  const store = new DisposableStore();
  store.add({ dispose: () => instance.dispose?.() });
  owned.add(store);
  const handlers = instance.handlers as ApiHandlers;
  const call = (method: 'settings:get' | 'settings:update', args: unknown) => dispatchApiCall(handlers, method, args, { error: () => undefined });
  return { link, emitted, call, ctx };
}

describe('settings plugin', () => {
  test('get and update through the dispatcher; a bad patch names the field; every window hears the change', async () => {
    const { call, emitted } = await startPlugin('hub', 'http://127.0.0.1:9');
    const got = await call('settings:get', {});
    expect(got).toMatchObject({ ok: true, value: { theme: 'system', hub: { url: 'http://127.0.0.1:9', tokenSet: true, mode: 'hub', readOnlyReason: null }, notice: null } });
    expect(JSON.stringify(got)).not.toContain('baton_first-token');

    const bad = await call('settings:update', { alerts: { reAlertIntervalMs: 1 } });
    expect(bad).toEqual({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/alerts\.reAlertIntervalMs/) } });
    expect(emitted).toEqual([]);

    const updated = await call('settings:update', { theme: 'dark', alerts: { doNotDisturb: { enabled: true } } });
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark', alerts: { doNotDisturb: { enabled: true } } } });
    expect(emitted.map((e) => e.name)).toEqual(['settings:changed']);
    expect(emitted[0]!.payload).toMatchObject({ theme: 'dark' });
  });

  test('a new hub address and token reconnect the link to it at once and are kept for the next start', async () => {
    const first = await helloRecorder();
    const second = await helloRecorder();
    const { link, call, ctx } = await startPlugin('hub', first.url);
    link.start();
    await expect.poll(() => first.hellos.length, { timeout: 5_000 }).toBe(1);
    expect(first.hellos[0]!.token).toBe('baton_first-token');

    const result = await call('settings:update', { hub: { url: second.url, token: 'baton_second-token' } });
    expect(result).toMatchObject({ ok: true, value: { hub: { url: second.url, tokenSet: true } } });
    expect(JSON.stringify(result)).not.toContain('baton_second-token');
    await expect.poll(() => second.hellos.length, { timeout: 5_000 }).toBe(1);
    expect(second.hellos[0]).toMatchObject({ token: 'baton_second-token', lastSeq: 0 });
    expect(link.url).toBe(second.url);
    // The session the header shows names the hub now in use, not the one at start.
    expect(currentSession(ctx).hubUrl).toBe(second.url);

    const saved = await SettingsStore.open(dir);
    expect(saved.current().hub.url).toBe(second.url);
    expect(saved.hubToken()).toBe('baton_second-token');

    // Only the token typed: the address in use is kept with it; a refused token stops the link,
    // and Save & reconnect with nothing changed tries again.
    await call('settings:update', { hub: { token: 'baton_refused' } });
    await expect.poll(() => link.state.status, { timeout: 5_000 }).toBe('closed');
    expect(link.state.fatal).toBe(true);
    expect(second.hellos.at(-1)).toMatchObject({ token: 'baton_refused' });
    const hellosBefore = second.hellos.length;
    expect(await call('settings:update', { hub: {} })).toMatchObject({ ok: true });
    await expect.poll(() => second.hellos.length, { timeout: 5_000 }).toBe(hellosBefore + 1);
    expect((await SettingsStore.open(dir)).current().hub.url).toBe(second.url);
  });

  test('linked by startup flags, a token typed in Settings saves the whole pair for the next start', async () => {
    const hub = await helloRecorder();
    const { link, call } = await startPlugin('hub', hub.url);
    link.start();
    await call('settings:update', { hub: { token: 'baton_typed' } });
    await expect.poll(() => hub.hellos.map((h) => h.token), { timeout: 5_000 }).toContain('baton_typed');
    const saved = await SettingsStore.open(dir);
    expect({ url: saved.current().hub.url, token: saved.hubToken() }).toEqual({ url: hub.url, token: 'baton_typed' });
  });

  test('demo mode: the demo hub stays in use; a team hub is saved, as a whole pair, for the next start', async () => {
    const { call } = await startPlugin('demo', 'http://127.0.0.1:9');
    const got = await call('settings:get', {});
    expect(got).toMatchObject({ ok: true, value: { hub: { mode: 'demo', url: 'http://127.0.0.1:9', readOnlyReason: expect.stringMatching(/demo hub/), nextStartUrl: null } } });
    const noToken = await call('settings:update', { hub: { url: 'https://hub.example.com' } });
    expect(noToken).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/^hub\.token: /) } });
    expect((await SettingsStore.open(dir)).current().hub.url).toBeNull();

    const saved = await call('settings:update', { hub: { url: 'https://hub.example.com', token: 'baton_team-token' } });
    expect(saved).toMatchObject({ ok: true, value: { hub: { mode: 'demo', url: 'http://127.0.0.1:9', nextStartUrl: 'https://hub.example.com', tokenSet: true } } });
    const reopened = await SettingsStore.open(dir);
    expect({ url: reopened.current().hub.url, token: reopened.hubToken() }).toEqual({ url: 'https://hub.example.com', token: 'baton_team-token' });
    expect(await call('settings:update', { theme: 'light' })).toMatchObject({ ok: true, value: { theme: 'light' } });
  });
});
