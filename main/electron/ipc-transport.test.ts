// The IPC transport and the preload bridge with Electron's modules replaced by fakes of the same
// shape (the binary cannot run here): calls from app:// frames are dispatched and validated, calls
// from any other frame are refused, events reach app windows only, and the preload exposes exactly
// invoke/on over the two channels.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc-channels';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const fake = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  sent: [] as Array<{ url: string; channel: string; args: unknown[] }>,
  windows: [] as Array<{ url: string }>,
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  invoked: [] as unknown[][],
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => fake.handlers.set(channel, handler),
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
  BrowserWindow: {
    getAllWindows: () =>
      fake.windows.map((w) => ({
        isDestroyed: () => false,
        webContents: { getURL: () => w.url, send: (channel: string, ...args: unknown[]) => fake.sent.push({ url: w.url, channel, args }) },
      })),
  },
  protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      fake.invoked.push(args);
      return { ok: true, value: 'available' };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!fake.rendererListeners.has(channel)) fake.rendererListeners.set(channel, new Set());
      fake.rendererListeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => fake.rendererListeners.get(channel)?.delete(listener),
  },
}));

const { registerIpcTransport } = await import('./ipc-transport');
const { composeApiHandlers } = await import('../services/api-handlers');
const { EventFanout } = await import('../services/event-fanout');
const { silentLogger } = await import('../services/logger');

afterEach(() => {
  fake.sent.length = 0;
  fake.windows.length = 0;
});

function backend() {
  const events = new EventFanout();
  const { handlers } = composeApiHandlers([{ 'presence:set': ({ presence }) => presence }], silentLogger);
  return { handlers, addEventSink: (sink: Parameters<typeof events.add>[0]) => events.add(sink), events };
}

describe('IPC transport', () => {
  test('answers app:// frames through the validated dispatcher and refuses everyone else', async () => {
    const api = backend();
    const registration = registerIpcTransport(api, silentLogger);
    const invoke = fake.handlers.get(IPC_CHANNELS.invoke)!;
    const fromApp = { senderFrame: { url: 'app://baton/index.html' } };
    expect(await invoke(fromApp, 'presence:set', { presence: 'away' })).toEqual({ ok: true, value: 'away' });
    expect(await invoke(fromApp, 'presence:set', { presence: 'asleep' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await invoke(fromApp, 'fs:read', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'app://baton.evil.example/', 'app://x@baton/', 'not a url']) {
      expect(await invoke({ senderFrame: { url } }, 'presence:set', { presence: 'away' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await invoke({ senderFrame: null }, 'presence:set', { presence: 'away' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    fake.windows.push({ url: 'app://baton/index.html' }, { url: 'https://evil.example/' });
    api.events.emit('offer:revoked', { handoffId: 'h1', reason: 'timeout' });
    expect(fake.sent).toEqual([{ url: 'app://baton/index.html', channel: IPC_CHANNELS.event, args: ['offer:revoked', { handoffId: 'h1', reason: 'timeout' }] }]);

    await registration.dispose();
    expect(fake.handlers.has(IPC_CHANNELS.invoke)).toBe(false);
    api.events.emit('offer:revoked', { handoffId: 'h2', reason: 'timeout' });
    expect(fake.sent).toHaveLength(1);
  });
});

describe('preload bridge', () => {
  test('exposes only invoke and on, over the two channels', async () => {
    await import('../../preload/index');
    const baton = fake.exposed.get('baton') as { invoke: (m: string, a: unknown) => Promise<unknown>; on: (e: string, l: (p: unknown) => void) => () => void };
    expect([...fake.exposed.keys()]).toEqual(['baton']);
    expect(Object.keys(baton).sort()).toEqual(['invoke', 'on']);

    expect(await baton.invoke('presence:set', { presence: 'available' })).toEqual({ ok: true, value: 'available' });
    expect(fake.invoked).toEqual([[IPC_CHANNELS.invoke, 'presence:set', { presence: 'available' }]]);

    const received: unknown[] = [];
    const off = baton.on('offer:revoked', (payload) => received.push(payload));
    const deliver = (...args: unknown[]) => fake.rendererListeners.get(IPC_CHANNELS.event)!.forEach((l) => l({}, ...args));
    deliver('offer:revoked', { handoffId: 'h1', reason: 'timeout' });
    deliver('offer:revoked', { handoffId: 42 });
    off();
    deliver('offer:revoked', { handoffId: 'h2', reason: 'timeout' });
    expect(received).toEqual([{ handoffId: 'h1', reason: 'timeout' }]);
  });
});
