// Offer latency: a signed POST to the hub → the offer frame received by a connected desktop link,
// with many agents connected. Baseline: a bare `ws` server that relays the same payload from an
// HTTP POST to one socket, measured in the same run — the floor for "HTTP in, WebSocket out".
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import WebSocket, { WebSocketServer } from 'ws';
import { createHub } from '../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../hub/rules/index';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { postSigned } from '../hub/testing/signed-post';
import { connectTestAgent, type TestAgent } from '../hub/testing/test-agent';
import { makeTempDir } from '../hub/testing/temp-dir';
import { benchSize, entry, nowMs, percentile, type BenchEntry, type BenchSuite } from './bench-entry';

async function measureHub(agentCount: number, samples: number): Promise<number[]> {
  const dir = makeTempDir('baton-bench-offer-');
  const secret = randomBytes(16).toString('hex');
  const agents = Array.from({ length: agentCount }, (_, i) => ({
    id: `a${i}`,
    name: `Agent ${i}`,
    role: 'agent' as const,
    skills: ALL_SKILLS,
    capacity: 50,
    token: `tok-${i}-${secret}`,
  }));
  const hub = await createHub({ port: 0, dbPath: dir.file('hub.sqlite'), secret, agents, httpRateLimit: null, frameRateLimit: null, log: quietLog });
  const links: TestAgent[] = [];
  try {
    for (let i = 0; i < agentCount; i += 50) {
      links.push(...(await Promise.all(agents.slice(i, i + 50).map((a) => connectTestAgent(hub.wsUrl, a.token)))));
    }
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const body = handoffRequest();
      const seen = new Promise<number>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          if (data.toString().includes(body.conversation.externalId)) {
            for (const link of links) link.socket.off('message', onMessage);
            resolve(nowMs());
          }
        };
        for (const link of links) link.socket.on('message', onMessage);
      });
      const started = nowMs();
      const answer = await postSigned(hub.url, '/api/v1/handoffs', body, { secret });
      if (answer.status !== 202) throw new Error(`hub answered ${answer.status}: ${answer.text}`);
      latencies.push((await seen) - started);
    }
    return latencies;
  } finally {
    for (const link of links) link.socket.terminate();
    await hub.close();
    dir.remove();
  }
}

export async function measureBareRelay(samples: number): Promise<number[]> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  let client: WebSocket | null = null;
  wss.on('connection', (socket) => (client = socket));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      client?.send(Buffer.concat(chunks).toString());
      res.writeHead(202).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await new Promise((resolve) => ws.once('open', resolve));
  while (!client) await new Promise((r) => setTimeout(r, 5));
  const port = (server.address() as AddressInfo).port;
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const payload = JSON.stringify(handoffRequest());
      const seen = new Promise<number>((resolve) => ws.once('message', () => resolve(nowMs())));
      const started = nowMs();
      await new Promise<void>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', reject);
        req.end(payload);
      });
      latencies.push((await seen) - started);
    }
    return latencies;
  } finally {
    ws.terminate();
    wss.close();
    server.close();
  }
}

const quietLog = { info() {}, warn() {}, error() {} };
/** Every skill the default rules ask for, so any agent may take any handoff. */
export const ALL_SKILLS = skillsUsedBy(DEFAULT_RULES);

export const offerLatencySuite: BenchSuite = {
  name: 'offer latency',
  async run(options) {
    const { quick } = options;
    const samples = benchSize(options, 'offer-samples', 20);
    const baseline = await measureBareRelay(samples);
    const basP50 = percentile(baseline, 50);
    const basP99 = percentile(baseline, 99);
    const entries: BenchEntry[] = [];
    for (const agentCount of quick ? [20] : [200, 1000]) {
      const hub = await measureHub(agentCount, samples);
      entries.push(
        entry(`offer_latency_p50_${agentCount}_agents`, 'ms', percentile(hub, 50), { name: 'bare ws relay p50', value: basP50 }),
        entry(`offer_latency_p99_${agentCount}_agents`, 'ms', percentile(hub, 99), { name: 'bare ws relay p99', value: basP99 }),
      );
    }
    return entries;
  },
};
