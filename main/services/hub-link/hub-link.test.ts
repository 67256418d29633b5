// The link's state machine against a scripted WebSocket server on 127.0.0.1 (real sockets, a
// manual clock for the timers the link owns). The real hub: demo/hub-link-with-hub.test.ts.
import { afterEach, describe, expect, test } from 'vitest';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../shared/clock';
import type { ConnectionState } from '../../../shared/api';
import {
  HUB_PROTOCOL,
  parseClientFrame,
  stringifyHubFrame,
  type ClientFrame,
  type HubFrame,
} from '../../../shared/hub-protocol';
import { HubLink } from './hub-link';
import { backoffDelay } from './backoff';
import { toHubWebSocketUrl } from './hub-url';
import { sampleHandoff } from '../testing/sample-handoff';

const agent = { id: 'a1', name: 'Alex Rivera', role: 'agent' as const, skills: [], capacity: 3, presence: 'available' as const };

interface ScriptedHub {
  url: string;
  frames: ClientFrame[];
  sockets: ServerSocket[];
  protocols: string[];
  send(frame: HubFrame, socket?: ServerSocket): void;
  next(type: ClientFrame['type']): Promise<ClientFrame>;
  close(): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A server that welcomes every hello unless told otherwise, and records what the client sends. */
async function scriptedHub(options: { onHello?: (socket: ServerSocket, frame: ClientFrame) => void; pong?: boolean } = {}): Promise<ScriptedHub> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (set) => (set.has(HUB_PROTOCOL) ? HUB_PROTOCOL : false) });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const frames: ClientFrame[] = [];
  const sockets: ServerSocket[] = [];
  const protocols: string[] = [];
  const waiters: Array<{ type: ClientFrame['type']; resolve: (f: ClientFrame) => void }> = [];
  server.on('connection', (socket) => {
    sockets.push(socket);
    protocols.push(socket.protocol);
    socket.on('message', (data) => {
      const parsed = parseClientFrame(data.toString());
      if (!parsed.ok) throw new Error(parsed.error);
      const frame = parsed.frame;
      frames.push(frame);
      const index = waiters.findIndex((w) => w.type === frame.type);
      if (index >= 0) waiters.splice(index, 1)[0]!.resolve(frame);
      if (frame.type === 'hello') {
        if (options.onHello) options.onHello(socket, frame);
        else socket.send(stringifyHubFrame({ type: 'welcome', agent, serverTime: new Date().toISOString(), resumeFrom: frame.lastSeq + 1 }));
      }
      if (frame.type === 'ping' && options.pong !== false) socket.send(stringifyHubFrame({ type: 'pong' }));
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hub: ScriptedHub = {
    url: `http://127.0.0.1:${port}`,
    frames,
    sockets,
    protocols,
    send(frame, socket = sockets[sockets.length - 1]!) {
      socket.send(stringifyHubFrame(frame));
    },
    next(type) {
      return new Promise((resolve) => waiters.push({ type, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
  cleanups.push(() => hub.close());
  return hub;
}

function makeLink(url: string, extra: Partial<ConstructorParameters<typeof HubLink>[0]> = {}) {
  const clock = new ManualClock(Date.parse('2026-11-26T10:00:00Z'));
  const link = new HubLink({ url, token: 'tok', clock, random: () => 0.5, ...extra });
  const states: ConnectionState[] = [];
  link.on('state', (s) => states.push(s));
  cleanups.push(() => link.stop());
  return { link, clock, states };
}

function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not met in time'));
      setTimeout(tick, 5);
    };
    tick();
  });
}

describe('backoff and URLs', () => {
  test('delays grow exponentially, stay within [half, full] of the cap, and jitter', () => {
    const policy = { baseMs: 100, maxMs: 1_000 };
    expect(backoffDelay(0, () => 0, policy)).toBe(50);
    expect(backoffDelay(0, () => 0.999999, policy)).toBe(100);
    expect(backoffDelay(3, () => 0, policy)).toBe(400);
    expect(backoffDelay(10, () => 0.5, policy)).toBe(750);
    expect(backoffDelay(1000, () => 0.999999, policy)).toBe(1_000);
  });

  test('hub addresses in any common form become the ws URL', () => {
    expect(toHubWebSocketUrl('http://127.0.0.1:4000')).toBe('ws://127.0.0.1:4000/ws');
    expect(toHubWebSocketUrl('https://hub.example.com/')).toBe('wss://hub.example.com/ws');
    expect(toHubWebSocketUrl('ws://h:1/custom')).toBe('ws://h:1/custom');
    expect(() => toHubWebSocketUrl('ftp://x')).toThrow(/must start with/);
    expect(() => toHubWebSocketUrl('not a url')).toThrow(/not a valid URL/);
  });
});

describe('HubLink', () => {
  test('signs in with the sub-protocol, token and last seq, then reports open', async () => {
    const hub = await scriptedHub();
    const { link, states } = makeLink(hub.url, { lastSeq: 7 });
    const welcomed = new Promise((resolve) => link.on('welcome', resolve));
    link.start();
    const hello = await hub.next('hello');
    expect(hello).toMatchObject({ type: 'hello', token: 'tok', lastSeq: 7 });
    await welcomed;
    expect(hub.protocols).toEqual([HUB_PROTOCOL]);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'open']);
    expect(link.agent?.name).toBe('Alex Rivera');
  });

  test('emits each event once, acks it, and drops a resend of an already processed seq', async () => {
    const hub = await scriptedHub();
    const { link } = makeLink(hub.url);
    const offers: number[] = [];
    link.on('offer', (e) => offers.push(e.seq));
    link.start();
    await hub.next('hello');
    const handoff = sampleHandoff('h1');
    hub.send({ type: 'event', seq: 1, event: { kind: 'offer', handoff, offerExpiresAt: '2026-11-26T10:01:00.000Z' } });
    await hub.next('ack');
    hub.send({ type: 'event', seq: 1, event: { kind: 'offer', handoff, offerExpiresAt: '2026-11-26T10:01:00.000Z' } });
    const second = await hub.next('ack');
    expect(second).toEqual({ type: 'ack', seq: 1 });
    expect(offers).toEqual([1]);
    expect(link.lastSeq).toBe(1);
  });

  test('pairs results with requests and queues requests made before the link is open', async () => {
    let release: (() => void) | null = null;
    const hub = await scriptedHub({
      onHello: (socket, frame) => {
        release = () =>
          socket.send(stringifyHubFrame({ type: 'welcome', agent, serverTime: new Date().toISOString(), resumeFrom: (frame as { lastSeq: number }).lastSeq + 1 }));
      },
    });
    const { link } = makeLink(hub.url);
    link.start();
    const pending = link.accept('h9');
    await hub.next('hello');
    await new Promise((r) => setTimeout(r, 30));
    expect(hub.frames.some((f) => f.type === 'accept')).toBe(false);
    release!();
    const accept = await hub.next('accept');
    expect(accept).toMatchObject({ type: 'accept', handoffId: 'h9' });
    hub.send({ type: 'result', requestId: (accept as { requestId: string }).requestId, ok: true, value: { done: 1 } });
    await expect(pending).resolves.toEqual({ ok: true, value: { done: 1 } });

    const refused = link.decline('h9', 'busy');
    const decline = await hub.next('decline');
    hub.send({ type: 'result', requestId: (decline as { requestId: string }).requestId, ok: false, error: { code: 'conflict', message: 'already accepted' } });
    await expect(refused).resolves.toEqual({ ok: false, error: { code: 'conflict', message: 'already accepted' } });
  });

  test('a request the hub never answers times out with unavailable', async () => {
    const hub = await scriptedHub();
    const { link, clock } = makeLink(hub.url, { requestTimeoutMs: 2_000 });
    link.start();
    await until(() => link.state.status === 'open');
    const pending = link.setPresence('away');
    await hub.next('presence');
    clock.advance(2_000);
    const result = await pending;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('unavailable');
    expect(!result.ok && result.error.message).toMatch(/did not answer "presence" within 2 s/);
  });

  test('4401 stops retrying and says what to do', async () => {
    const hub = await scriptedHub({ onHello: (socket) => socket.close(4401, 'unknown token') });
    const { link, states, clock } = makeLink(hub.url);
    link.start();
    await until(() => link.state.status === 'closed');
    expect(link.state.fatal).toBe(true);
    expect(link.state.error).toMatch(/new token/);
    expect(link.state.error).toMatch(/unknown token/);
    clock.advance(120_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(hub.sockets).toHaveLength(1);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'closed']);
    const after = await link.accept('h1');
    expect(after.ok).toBe(false);
  });

  test('a dropped connection backs off with jitter and resumes from the last seq', async () => {
    const hub = await scriptedHub();
    const { link, clock, states } = makeLink(hub.url, { backoff: { baseMs: 1_000, maxMs: 8_000 } });
    link.start();
    await hub.next('hello');
    hub.send({ type: 'event', seq: 1, event: { kind: 'offer_revoked', handoffId: 'h1', reason: 'timeout' } });
    await hub.next('ack');
    hub.sockets[0]!.terminate();
    await until(() => link.state.status === 'backoff');
    const backoff = link.state;
    // random() = 0.5 → 750 ms for the first retry of a 1 s base.
    expect(Date.parse(backoff.retryAt!) - clock.now()).toBe(750);
    expect(backoff.error).toMatch(/Lost the connection/);
    const hello = hub.next('hello');
    clock.advance(750);
    expect(await hello).toMatchObject({ lastSeq: 1 });
    await until(() => link.state.status === 'open');
    expect(states.map((s) => s.status)).toEqual(['connecting', 'open', 'backoff', 'connecting', 'open']);
  });

  test('a missing pong terminates the socket and the link reconnects', async () => {
    const hub = await scriptedHub({ pong: false });
    const { link, clock } = makeLink(hub.url, { pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    link.start();
    await until(() => link.state.status === 'open');
    const ping = hub.next('ping');
    clock.advance(1_000);
    await ping;
    clock.advance(500);
    await until(() => link.state.status === 'backoff');
    clock.advance(60_000);
    await until(() => hub.sockets.length === 2 && link.state.status === 'open');
  });

  test('pongs keep the connection alive', async () => {
    const hub = await scriptedHub();
    const { link, clock } = makeLink(hub.url, { pingIntervalMs: 1_000, pongTimeoutMs: 500 });
    link.start();
    await until(() => link.state.status === 'open');
    for (let i = 0; i < 3; i++) {
      const ping = hub.next('ping');
      clock.advance(1_000);
      await ping;
      await new Promise((r) => setTimeout(r, 20));
    }
    clock.advance(499);
    expect(link.state.status).toBe('open');
    expect(hub.sockets).toHaveLength(1);
  });

  test('malformed frames from the hub are ignored, not fatal', async () => {
    const hub = await scriptedHub();
    const { link } = makeLink(hub.url);
    const seen: string[] = [];
    link.on('offer_revoked', (e) => seen.push(e.handoffId));
    link.start();
    await until(() => link.state.status === 'open');
    hub.sockets[0]!.send('{not json');
    hub.sockets[0]!.send(JSON.stringify({ type: 'event', seq: 'x' }));
    hub.send({ type: 'event', seq: 1, event: { kind: 'offer_revoked', handoffId: 'ok', reason: 'timeout' } });
    await hub.next('ack');
    expect(seen).toEqual(['ok']);
    expect(link.state.status).toBe('open');
  });

  test('stop fails pending requests and closes', async () => {
    const hub = await scriptedHub({ onHello: () => {} });
    const { link } = makeLink(hub.url);
    link.start();
    const pending = link.accept('h1');
    await hub.next('hello');
    await link.stop();
    const result = await pending;
    expect(!result.ok && result.error.code).toBe('unavailable');
    expect(link.state.status).toBe('closed');
  });
});
