// Fan-out: one supervisor update (a broadcast, committed to every agent's event log, then pushed)
// reaching many connected desktop links; and the memory each connection costs. Baseline: a bare `ws`
// server sending the same payload to the same number of sockets, measured in the same run.
// Hub and clients share this process, so memory per connection counts both ends of the socket;
// the baseline is measured the same way, so the ratio is fair.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket, { WebSocketServer } from 'ws';
import { createHub } from '../hub/index';
import { silentLog } from '../hub/hub-log';
import { makeTempDir } from '../hub/testing/temp-dir';
import { HUB_PROTOCOL } from '../shared/hub-protocol';
import { entry, nowMs, percentile, type BenchEntry, type BenchSuite } from './bench-entry';

export interface FanOutFigures {
  connections: number;
  /** Broadcast sent → the last connection received it, per update. */
  lastArrivalMs: number[];
  /** Live memory (JS heap + external, after GC) added per connected link, hub side + client side, bytes. */
  bytesPerConnection: number;
}

/** A minimal desktop link: hello, then only counts frames carrying a marker (no parsing cost). */
function rawLink(wsUrl: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, HUB_PROTOCOL);
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', token, lastSeq: 0, client: { name: 'bench', version: '1' } })));
    const onWelcome = (data: WebSocket.RawData) => {
      if (!data.toString().includes('"welcome"')) return;
      socket.off('message', onWelcome);
      resolve(socket);
    };
    socket.on('message', onWelcome);
    socket.once('close', (code) => reject(new Error(`hub closed the link during hello: ${code}`)));
  });
}

// RSS deltas were noise at these sizes (even negative: freed pages are not returned); live memory
// after full collections is steady. Node is not started with --expose-gc here, so the flag is set
// at run time and gc() taken from a fresh context.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Live JS heap plus memory held outside it (buffers, native objects), after two collections. */
function settledMemory(): number {
  collectGarbage();
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** Resolves when every socket saw a frame containing `marker`, with the time of the last arrival. */
function allReceived(sockets: readonly WebSocket[], marker: string): Promise<number> {
  let remaining = sockets.length;
  return new Promise((resolve) => {
    for (const socket of sockets) {
      const onMessage = (data: WebSocket.RawData) => {
        if (!data.toString().includes(marker)) return;
        socket.off('message', onMessage);
        if (--remaining === 0) resolve(nowMs());
      };
      socket.on('message', onMessage);
    }
  });
}

async function connectAll<T>(count: number, connect: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => connect(i + j)))));
  return out;
}

export async function measureHubFanOut(connections: number, updates: number): Promise<FanOutFigures> {
  const dir = makeTempDir('baton-bench-fanout-');
  const secret = randomBytes(16).toString('hex');
  const agents = Array.from({ length: connections }, (_, i) => ({ id: `a${i}`, name: `Agent ${i}`, role: 'agent' as const, token: `tok-${i}-${secret}` }));
  const lead = { id: 'lead', name: 'Lead', role: 'supervisor' as const, token: `lead-${secret}` };
  const hub = await createHub({ port: 0, dbPath: dir.file('hub.sqlite'), secret, agents: [...agents, lead], httpRateLimit: null, frameRateLimit: null, log: silentLog });
  const sockets: WebSocket[] = [];
  try {
    const supervisor = await rawLink(hub.wsUrl, lead.token);
    sockets.push(supervisor);
    const before = settledMemory();
    sockets.push(...(await connectAll(connections, (i) => rawLink(hub.wsUrl, agents[i]!.token))));
    const bytesPerConnection = (settledMemory() - before) / connections;
    const lastArrivalMs: number[] = [];
    for (let u = 0; u < updates; u++) {
      const marker = `fan-out update ${u} ${randomBytes(4).toString('hex')}`;
      const arrived = allReceived(sockets.slice(1), marker);
      const started = nowMs();
      supervisor.send(JSON.stringify({ type: 'broadcast', requestId: `b${u}`, text: marker }));
      lastArrivalMs.push((await arrived) - started);
    }
    return { connections, lastArrivalMs, bytesPerConnection };
  } finally {
    for (const socket of sockets) socket.terminate();
    await hub.close();
    dir.remove();
  }
}

export async function measureBareFanOut(connections: number, updates: number): Promise<FanOutFigures> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const clients: WebSocket[] = [];
  try {
    const before = settledMemory();
    clients.push(
      ...(await connectAll(connections, () => new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(url);
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      }))),
    );
    while (wss.clients.size < connections) await new Promise((r) => setTimeout(r, 5));
    const bytesPerConnection = (settledMemory() - before) / connections;
    const lastArrivalMs: number[] = [];
    for (let u = 0; u < updates; u++) {
      const marker = `fan-out update ${u} ${randomBytes(4).toString('hex')}`;
      // The same shape and size as the hub's whisper event frame.
      const payload = JSON.stringify({ type: 'event', seq: u + 1, event: { kind: 'whisper', whisper: { id: randomBytes(16).toString('hex'), fromId: 'lead', fromName: 'Lead', toAgentId: null, text: marker, at: new Date().toISOString() } } });
      const arrived = allReceived(clients, marker);
      const started = nowMs();
      for (const server of wss.clients) server.send(payload);
      lastArrivalMs.push((await arrived) - started);
    }
    return { connections, lastArrivalMs, bytesPerConnection };
  } finally {
    for (const client of clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}

export const fanOutSuite: BenchSuite = {
  name: 'fan-out',
  async run({ quick }): Promise<BenchEntry[]> {
    const connections = quick ? 100 : 1_000;
    const updates = quick ? 5 : 30;
    const bare = await measureBareFanOut(connections, updates);
    const hub = await measureHubFanOut(connections, updates);
    const n = `${connections} connections`;
    return [
      entry(`fanout_supervisor_broadcast_p50_${connections}`, 'ms', percentile(hub.lastArrivalMs, 50), { name: `bare ws send to ${n} p50`, value: percentile(bare.lastArrivalMs, 50) }),
      entry(`fanout_supervisor_broadcast_p99_${connections}`, 'ms', percentile(hub.lastArrivalMs, 99), { name: `bare ws send to ${n} p99`, value: percentile(bare.lastArrivalMs, 99) }),
      entry(`fanout_memory_per_connection_${connections}`, 'KiB', hub.bytesPerConnection / 1024, { name: 'bare ws connection', value: bare.bytesPerConnection / 1024 }),
    ];
  },
};
