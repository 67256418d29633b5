// The outbound webhook against a real local HTTP server that fails on purpose. Retry delays run on
// the hub's ManualClock; the server's answers arrive over real sockets.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { SIGNATURE_HEADERS, WebhookEvent } from '../../shared/ingest';
import { ManualClock } from '../../shared/clock';
import { createHub } from '../index';
import { silentLog } from '../hub-log';
import { verifySignature } from '../signature';
import { listOutbox } from '../store/outbox-queries';
import { seed, startTestHub, TEST_SECRET, type TestHub } from '../testing/test-hub';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './webhook-dispatcher';

interface Received {
  body: string;
  event: WebhookEvent;
  signatureOk: boolean;
}

class PlatformStub {
  readonly received: Received[] = [];
  hits = 0;
  /** Status to answer for hit number n (1-based). */
  answer: (hit: number) => number = () => 200;
  private server: Server | null = null;
  now: () => number = Date.now;

  async start(): Promise<string> {
    this.server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.hits++;
        const body = Buffer.concat(chunks).toString('utf8');
        const status = this.answer(this.hits);
        if (status >= 200 && status < 300) {
          const check = verifySignature(
            TEST_SECRET,
            { timestamp: request.headers[SIGNATURE_HEADERS.timestamp], signature: request.headers[SIGNATURE_HEADERS.signature] },
            body,
            this.now(),
          );
          this.received.push({ body, event: WebhookEvent.parse(JSON.parse(body)), signatureOk: check.ok });
        }
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status >= 300 ? 'failing on purpose' : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/webhook`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let t: TestHub | undefined;
let platform: PlatformStub;

afterEach(async () => {
  await t?.close();
  t = undefined;
  await platform?.stop();
});

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('retry delays', () => {
  test('double from the base, with ±25 % jitter, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 10_000 };
    expect(retryDelayMs(policy, 1, 0.5)).toBe(1_000);
    expect(retryDelayMs(policy, 2, 0.5)).toBe(2_000);
    expect(retryDelayMs(policy, 3, 0)).toBe(3_000);
    expect(retryDelayMs(policy, 3, 0.999_999)).toBe(5_000);
    expect(retryDelayMs(policy, 20, 0.5)).toBe(10_000);
  });
});

describe('webhook delivery', () => {
  test('status changes and replies reach the platform, signed; failures are retried with backoff until delivered', async () => {
    platform = new PlatformStub();
    platform.answer = (hit) => (hit <= 2 ? 500 : 200);
    const url = await platform.start();
    t = await startTestHub({ agents: [seed('ann')], webhookUrl: url, webhookRetry: { baseDelayMs: 1_000, maxAttempts: 5 } });
    platform.now = () => t!.clock.now();
    const ann = await t.connect('ann');
    const accepted = await t.ingest();

    await until(() => platform.hits === 1, 'the first attempt');
    await until(() => listOutbox(t!.hub.db)[0]?.attempts === 1, 'the failure to be recorded');
    const [entry] = listOutbox(t.hub.db);
    expect(entry).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 500' });
    const delay = entry!.nextAttemptAt - t.clock.now();
    expect(delay).toBeGreaterThanOrEqual(750);
    expect(delay).toBeLessThanOrEqual(1_250);

    t.clock.advance(delay - 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(platform.hits).toBe(1); // not before its time
    t.clock.advance(1);
    await until(() => platform.hits === 2, 'the second attempt');
    await until(() => listOutbox(t!.hub.db)[0]?.attempts === 2, 'the second failure');
    t.clock.advance(2_500);
    await until(() => platform.received.length === 1, 'delivery');
    expect(platform.received[0]!.signatureOk).toBe(true);
    expect(platform.received[0]!.event).toMatchObject({
      type: 'handoff.status',
      status: 'queued',
      handoffId: accepted.handoffId,
      customerMessage: accepted.customerMessage,
    });
    await until(() => listOutbox(t!.hub.db)[0]?.state === 'delivered', 'the delivery to be recorded');
    expect(listOutbox(t.hub.db)[0]).toMatchObject({ state: 'delivered', attempts: 3, lastError: null });

    await ann.waitForEvent('offer');
    await ann.accept(accepted.handoffId);
    await ann.request({ type: 'reply', handoffId: accepted.handoffId, messageId: 'r1', text: 'Hello, this is Ann.' });
    await ann.request({ type: 'resolve', handoffId: accepted.handoffId });
    await until(() => platform.received.length >= 4, 'accepted, reply and resolved');
    const events = platform.received.map((received) => received.event);
    expect(events.slice(1).map((event) => (event.type === 'handoff.status' ? event.status : event.type))).toEqual(['accepted', 'handoff.reply', 'resolved']);
    expect(events[1]).toMatchObject({ assignedAgentId: 'ann', assignedAgentName: 'Agent ann' });
    expect(events[2]).toMatchObject({ type: 'handoff.reply', agentName: 'Agent ann', message: { id: 'r1', text: 'Hello, this is Ann.' } });
    expect(platform.received.every((received) => received.signatureOk)).toBe(true);
  });

  test('after maxAttempts failures an entry becomes a dead letter; the next one still goes out', async () => {
    platform = new PlatformStub();
    platform.answer = (hit) => (hit <= 3 ? 503 : 200);
    const url = await platform.start();
    t = await startTestHub({ agents: [], webhookUrl: url, webhookRetry: { baseDelayMs: 1_000, maxAttempts: 3 } });
    platform.now = () => t!.clock.now();
    await t.ingest();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await until(() => platform.hits === attempt && listOutbox(t!.hub.db)[0]!.attempts === attempt, `attempt ${attempt}`);
      t.clock.advance(10_000);
    }
    expect(listOutbox(t.hub.db)[0]).toMatchObject({ state: 'dead', attempts: 3, lastError: 'HTTP 503' });
    await t.ingest();
    await until(() => listOutbox(t!.hub.db)[1]?.state === 'delivered', 'the next delivery');
    expect(platform.received).toHaveLength(1);
    expect(listOutbox(t.hub.db).map((entry) => entry.state)).toEqual(['dead', 'delivered']);
  });

  test('an unreachable platform counts as a failure; pending entries survive a hub restart', async () => {
    platform = new PlatformStub();
    const url = await platform.start();
    await platform.stop(); // nothing listens there now
    t = await startTestHub({ agents: [], webhookUrl: url, webhookRetry: { baseDelayMs: 60_000, maxAttempts: 5 } });
    await t.ingest();
    await until(() => listOutbox(t!.hub.db)[0]?.attempts === 1, 'a failed attempt');
    expect(listOutbox(t.hub.db)[0]!.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    const dbPath = t.dir.file('hub.sqlite');
    await t.hub.close();

    // Restart on the same file with the platform back up: the pending entry is delivered.
    const again = new PlatformStub();
    platform = again;
    const newUrl = await again.start();
    const clock = new ManualClock(t.clock.now() + 120_000); // past the retry time (60 s ± 25 %)
    again.now = () => clock.now();
    const restarted = await createHub({ port: 0, dbPath, secret: TEST_SECRET, log: silentLog, clock, webhookUrl: newUrl });
    try {
      // >= 1: the restart's clock is past the handoff's SLA too, so an sla_breached status may follow it.
      await until(() => again.received.length >= 1, 'delivery after restart');
      expect(again.received[0]!.event.type).toBe('handoff.status');
      expect(again.received[0]!.signatureOk).toBe(true);
      await until(() => listOutbox(restarted.db)[0]?.state === 'delivered', 'the delivery to be recorded');
      expect(listOutbox(restarted.db)[0]).toMatchObject({ state: 'delivered', attempts: 2 });
    } finally {
      await restarted.close();
      t.dir.remove();
      t = undefined;
    }
  });
});
