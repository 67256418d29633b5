// Thousands of malformed HTTP bodies and WebSocket frames, generated from a seed (so a failure can
// be replayed): the hub must answer each with the right error, never crash, and store no garbage.
import { Agent as HttpAgent, request } from 'node:http';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Handoff } from '../shared/domain';
import { HandoffAccepted, INGEST_PATHS, IngestErrorBody } from '../shared/ingest';
import { listActiveHandoffs } from './store/handoff-queries';
import { handoffRequest } from './testing/handoff-requests';
import { connectTestAgent } from './testing/test-agent';
import { seed, startTestHub, TEST_SECRET, tokenOf, type TestHub } from './testing/test-hub';
import { signatureHeaders } from './signature';
import { mulberry32 } from '../shared/seeded-random';

const SEED = 0x5eed;
const HTTP_CASES = 1_000;
const FRAME_CONNECTIONS = 100;

const prng = mulberry32;

const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const WEIRD_VALUES: unknown[] = [
  null, true, 0, -1, 1.5, 1e308, -1e308, '', ' ', 'x'.repeat(30_000), '\u0000', '\ud800', '💥'.repeat(100),
  [], [null], {}, { __proto__: { polluted: true } }, '2026-13-45T99:99:99Z', 'P0', 'vip ', 'NaN',
];

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const path = [...prefix, Array.isArray(value) ? Number(key) : key];
      out.push(path);
      paths(child, path, out);
    }
  }
  return out;
}

function mutate(base: unknown): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  const all = paths(copy);
  const path = pick(all);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (random() < 0.3) delete parent[last];
  else parent[last] = pick(WEIRD_VALUES);
  return copy;
}

function malformedBody(): string | Buffer {
  const valid = handoffRequest();
  const text = JSON.stringify(valid);
  switch (Math.floor(random() * 8)) {
    case 0:
      return Buffer.from(Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 256)));
    case 1:
      return text.slice(0, Math.floor(random() * text.length));
    case 2:
      return '['.repeat(5_000) + ']'.repeat(5_000);
    case 3:
      return JSON.stringify(pick(WEIRD_VALUES));
    case 4:
      return text.replace(/"[a-zA-Z]+":/, '"__proto__":');
    default:
      return JSON.stringify(mutate(valid));
  }
}

let t: TestHub;
const keepAlive = new HttpAgent({ keepAlive: true, maxSockets: 8 });

beforeAll(async () => {
  // The frames go through a supervisor's connection: it is offered nothing, so each reconnect stays
  // cheap however many handoffs the HTTP fuzz left waiting.
  t = await startTestHub({ agents: [seed('ann', { capacity: 50 }), seed('lee', { role: 'supervisor' })], httpRateLimit: null, frameRateLimit: null });
});

afterAll(async () => {
  keepAlive.destroy();
  await t?.close();
});

function send(body: string | Buffer): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(INGEST_PATHS.handoffs, t.hub.url),
      {
        method: 'POST',
        agent: keepAlive,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...signatureHeaders(TEST_SECRET, body, t.clock.now()) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) as unknown });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test(`${HTTP_CASES} malformed (signed) bodies: each a 400 naming the problem, or a valid 202; nothing invalid stored`, async () => {
  let accepted = 0;
  const statuses = new Map<number, number>();
  const queue = Array.from({ length: HTTP_CASES }, malformedBody);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let body = queue.pop(); body !== undefined; body = queue.pop()) {
        const answer = await send(body);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status === 202) {
          HandoffAccepted.parse(answer.json);
          accepted++;
        } else {
          expect(answer.status, JSON.stringify(answer.json)).toBe(400);
          expect(IngestErrorBody.parse(answer.json).error.message.length).toBeGreaterThan(0);
        }
      }
    }),
  );
  expect(statuses.get(400)).toBeGreaterThan(HTTP_CASES * 0.8);
  for (const stored of listActiveHandoffs(t.hub.db)) Handoff.parse(stored.handoff);
  expect(listActiveHandoffs(t.hub.db)).toHaveLength(accepted);
  expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
  const health = await send(JSON.stringify(handoffRequest()));
  expect(health.status).toBe(202);
}, 60_000);

const VALID_FRAMES = [
  { type: 'ack', seq: 1 },
  { type: 'accept', requestId: 'r', handoffId: 'h' },
  { type: 'decline', requestId: 'r', handoffId: 'h', reason: 'x' },
  { type: 'presence', requestId: 'r', presence: 'available' },
  { type: 'receipt', handoffId: 'h', stage: 'seen' },
  { type: 'reply', requestId: 'r', handoffId: 'h', messageId: 'm', text: 'hi' },
  { type: 'resolve', requestId: 'r', handoffId: 'h' },
  { type: 'transfer', requestId: 'r', handoffId: 'h', to: { kind: 'queue', queue: 'q' } },
];

test(`${FRAME_CONNECTIONS * 12} malformed or wrong frames: error or result frames, no crash`, async () => {
  let lastSeq = 0;
  for (let c = 0; c < FRAME_CONNECTIONS; c++) {
    const client = await connectTestAgent(t.hub.wsUrl, tokenOf('lee'), { lastSeq });
    // 4 malformed (each a strike; the 5th would close the socket) ...
    for (let i = 0; i < 4; i++) {
      const kind = random();
      if (kind < 0.3) client.sendRaw(Buffer.from(Array.from({ length: 50 }, () => Math.floor(random() * 256))));
      else if (kind < 0.5) client.sendRaw(JSON.stringify(pick(VALID_FRAMES)).slice(0, Math.floor(random() * 20)));
      else client.sendRaw(JSON.stringify(mutate(pick(VALID_FRAMES))));
    }
    // ... and 8 well-formed frames the hub must refuse politely (unknown handoffs, not yours).
    for (let i = 0; i < 8; i++) {
      const frame = { ...pick(VALID_FRAMES), handoffId: `nope-${c}-${i}` };
      if ('requestId' in frame) frame.requestId = `r-${c}-${i}`;
      client.sendRaw(JSON.stringify(frame));
    }
    client.send({ type: 'ping' });
    await client.waitFor(() => client.frames.find((frame) => frame.type === 'pong'), 5_000, 'pong after the abuse');
    const answered = client.frames.filter((frame) => frame.type === 'error' || frame.type === 'result').length;
    // Some mutations stay valid (e.g. a changed reason): those are answered as normal commands.
    expect(answered).toBeGreaterThanOrEqual(4);
    expect(client.closeInfo).toBeNull();
    lastSeq = Math.max(lastSeq, client.lastSeq);
    await client.close();
  }
  const again = await connectTestAgent(t.hub.wsUrl, tokenOf('ann'));
  expect(again.welcome).not.toBeNull();
  await again.close();
}, 60_000);
