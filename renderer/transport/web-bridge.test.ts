// The browser host's transport against a real WebSocket server on 127.0.0.1, speaking the
// api-wire frames and dispatching to in-memory services.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { API_WS_PATH, BridgeRequest, type BridgeServerFrame } from '../../shared/api-wire';
import { dispatchApiCall } from '../../shared/api-dispatch';
import type { ConnectionState, EventPayload } from '../../shared/api';
import { ManualClock } from '../../shared/clock';
import { FakeBaton } from '../testing/fake-baton';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { createWebBridge, installWebBridge, webBridgeUrl, type WebBridge } from './web-bridge';

interface TestHost {
  url: string;
  server: WebSocketServer;
  sockets: Set<ServerSocket>;
  fake: FakeBaton;
  /** When false, requests are received but never answered (to catch in-flight drops). */
  answering: boolean;
  received: number;
  push(name: string, payload: unknown): void;
  sendRaw(text: string): void;
  close(): Promise<void>;
}

async function startHost(port = 0): Promise<TestHost> {
  const fake = new FakeBaton([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
  const server = new WebSocketServer({ host: '127.0.0.1', port, path: API_WS_PATH });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const sockets = new Set<ServerSocket>();
  const host: TestHost = {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${API_WS_PATH}`,
    server,
    sockets,
    fake,
    answering: true,
    received: 0,
    push(name, payload) {
      const frame: BridgeServerFrame = { type: 'event', name, payload };
      for (const socket of sockets) socket.send(JSON.stringify(frame));
    },
    sendRaw(text) {
      for (const socket of sockets) socket.send(text);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.terminate();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', async (data) => {
      const request = BridgeRequest.parse(JSON.parse(String(data)));
      host.received += 1;
      if (!host.answering) return;
      const result = await dispatchApiCall(fake.handlers, request.method, request.args, { error: () => undefined });
      socket.send(JSON.stringify({ type: 'response', id: request.id, result } satisfies BridgeServerFrame));
    });
  });
  return host;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(options: { port?: number } = {}) {
  const host = await startHost(options.port);
  cleanups.push(() => host.close());
  const clock = new ManualClock();
  const bridge = createWebBridge({ url: host.url, clock, initialBackoffMs: 1_000, maxBackoffMs: 8_000, offlineWaitMs: 5_000, random: () => 0.5 });
  cleanups.push(() => bridge.dispose());
  const connection: ConnectionState[] = [];
  bridge.api.on('connection:changed', (state) => connection.push(state));
  await vi.waitFor(() => expect(bridge.isOpen()).toBe(true));
  return { host, clock, bridge, connection };
}

describe('web bridge', () => {
  it('derives the socket URL from the page location', () => {
    expect(webBridgeUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/api');
    expect(webBridgeUrl({ protocol: 'https:', host: 'baton.example.com' })).toBe('wss://baton.example.com/api');
  });

  it('answers requests through the host and delivers pushed events, validated', async () => {
    const { host, bridge, connection } = await setup();
    const session = await bridge.api.invoke('session:get', {});
    expect(session.ok && session.value.agent?.name).toBe('Robin Okafor');
    // On open the bridge reports the hub link's real state from the session.
    await vi.waitFor(() => expect(connection.at(-1)?.status).toBe('open'));

    const presence = await bridge.api.invoke('presence:set', { presence: 'away' });
    expect(presence).toEqual({ ok: true, value: 'away' });

    const bad = await bridge.api.invoke('handoffs:accept', { handoffId: 'missing' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toEqual({ code: 'not_found', message: 'no handoff missing' });

    const offers: EventPayload<'offer:received'>[] = [];
    bridge.api.on('offer:received', (item) => offers.push(item));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    host.sendRaw('not json');
    host.sendRaw(JSON.stringify({ type: 'mystery' }));
    host.push('offer:received', { handoff: { id: 'broken' } });
    host.push('offer:received', makeInboxItem({ id: 'h2', customerName: 'Eve' }));
    await vi.waitFor(() => expect(offers.map((o) => o.handoff.customer.name)).toEqual(['Eve']));
    const warnings = warn.mock.calls.map((args) => String(args[0]));
    warn.mockRestore();
    expect(warnings).toEqual([
      'baton: ignored a frame from the host that is not JSON',
      'baton: ignored a malformed frame from the host',
      expect.stringMatching(/^baton: dropped malformed offer:received event: handoff\.status/),
    ]);
  });

  it('reconnects with backoff after the socket drops; requests made meanwhile wait and then go through', async () => {
    const { host, clock, bridge, connection } = await setup();
    for (const socket of host.sockets) socket.terminate();
    await vi.waitFor(() => expect(connection.at(-1)?.status).toBe('backoff'));
    const backoff = connection.at(-1)!;
    expect(backoff.error).toBe('Lost contact with the Baton host');
    expect(Date.parse(backoff.retryAt!) - clock.now()).toBe(1_000);
    expect(bridge.isOpen()).toBe(false);

    const waiting = bridge.api.invoke('presence:set', { presence: 'busy' });
    clock.advance(1_000);
    await vi.waitFor(() => expect(bridge.isOpen()).toBe(true));
    expect(await waiting).toEqual({ ok: true, value: 'busy' });
    await vi.waitFor(() => expect(connection.at(-1)?.status).toBe('open'));
  });

  it('backs off longer after each failed attempt and fails waiting requests with unavailable', async () => {
    const { host, clock, bridge, connection } = await setup();
    const port = Number(new URL(host.url).port);
    await host.close();
    await vi.waitFor(() => expect(connection.filter((c) => c.status === 'backoff')).toHaveLength(1));
    const pending = bridge.api.invoke('inbox:list', {});
    clock.advance(1_000);
    await vi.waitFor(() => expect(connection.filter((c) => c.status === 'backoff')).toHaveLength(2));
    expect(Date.parse(connection.at(-1)!.retryAt!) - clock.now()).toBe(2_000);

    clock.advance(2_000);
    await vi.waitFor(() => expect(connection.filter((c) => c.status === 'backoff')).toHaveLength(3));
    expect(Date.parse(connection.at(-1)!.retryAt!) - clock.now()).toBe(4_000);
    clock.advance(2_000);
    const failed = await pending;
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('unavailable');

    // The host comes back on the same port: the next attempt succeeds.
    const again = await startHost(port);
    cleanups.push(() => again.close());
    clock.advance(4_000);
    await vi.waitFor(() => expect(bridge.isOpen()).toBe(true));
    expect((await bridge.api.invoke('inbox:list', {})).ok).toBe(true);
  });

  it('fails a request that was in flight when the socket dropped instead of resending it', async () => {
    const { host, bridge } = await setup();
    host.answering = false;
    const before = host.received;
    const accept = bridge.api.invoke('handoffs:accept', { handoffId: 'h1' });
    await vi.waitFor(() => expect(host.received).toBe(before + 1));
    for (const socket of host.sockets) socket.terminate();
    const result = await accept;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toEqual({ code: 'unavailable', message: 'the connection to the Baton host was lost before it answered' });
  });

  it('leaves window.baton alone when the preload already provided it', () => {
    const existing = new FakeBaton().api;
    const target = { baton: existing, location: { protocol: 'http:', host: '127.0.0.1:1' } } as unknown as Window;
    expect(installWebBridge(target)).toBeNull();
    expect(target.baton).toBe(existing);
  });

  it('creates window.baton in the browser host', async () => {
    const host = await startHost();
    cleanups.push(() => host.close());
    const port = new URL(host.url).port;
    const target = { location: { protocol: 'http:', host: `127.0.0.1:${port}` } } as unknown as Window;
    const bridge: WebBridge | null = installWebBridge(target, { clock: new ManualClock() });
    expect(bridge).not.toBeNull();
    cleanups.push(() => bridge!.dispose());
    const list = await target.baton.invoke('inbox:list', {});
    expect(list.ok && list.value.map((i) => i.handoff.id)).toEqual(['h1']);
  });
});
