import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { CustomerMessageRequest, HandoffRequest, SIGNATURE_HEADERS } from '../../shared/ingest';
import { verifySignature } from '../signature';
import { runSimulator, type SimulatorEvent } from './run-simulator';

const SECRET = 'test-secret-0123456789';

interface PlatformHub {
  url: string;
  handoffs: Map<string, string>;
  messages: { conversation: string; eventId: string }[];
  badSignatures: number;
  attempts: Map<string, number>;
  close(): Promise<void>;
}

type Fault = (eventId: string, attempt: number, request: IncomingMessage) => 'drop' | number | undefined;

/** A stand-in for the hub's ingest API that checks signatures and schemas the way the hub must. */
async function startPlatformHub(fault: Fault = () => undefined): Promise<PlatformHub> {
  const hub: Omit<PlatformHub, 'url' | 'close'> = { handoffs: new Map(), messages: [], badSignatures: 0, attempts: new Map() };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const check = verifySignature(
        SECRET,
        { timestamp: request.headers[SIGNATURE_HEADERS.timestamp], signature: request.headers[SIGNATURE_HEADERS.signature] },
        raw,
      );
      if (!check.ok) {
        hub.badSignatures++;
        return reply(401, { error: { code: 'unauthorized', message: check.reason } });
      }
      const json = JSON.parse(raw.toString('utf8')) as { eventId?: string };
      const eventId = String(json.eventId);
      const attempt = (hub.attempts.get(eventId) ?? 0) + 1;
      hub.attempts.set(eventId, attempt);
      const injected = fault(eventId, attempt, request);
      if (injected === 'drop') return request.socket.destroy();
      if (typeof injected === 'number') return reply(injected, { error: { code: 'unavailable', message: 'injected failure' } });
      if (request.url === '/api/v1/handoffs') {
        const parsed = HandoffRequest.safeParse(json);
        if (!parsed.success) return reply(400, { error: { code: 'bad_request', message: 'schema' } });
        const existing = hub.handoffs.get(eventId);
        const handoffId = existing ?? `h-${hub.handoffs.size + 1}`;
        hub.handoffs.set(eventId, handoffId);
        return reply(202, { handoffId, status: 'queued', duplicate: existing !== undefined, eligibleAgentsOnline: 1, expectedWaitSeconds: 30, customerMessage: 'wait' });
      }
      const match = /^\/api\/v1\/conversations\/([^/]+)\/messages$/.exec(request.url ?? '');
      if (match && CustomerMessageRequest.safeParse(json).success) {
        hub.messages.push({ conversation: decodeURIComponent(match[1]!), eventId });
        return reply(202, { ok: true });
      }
      return reply(404, { error: { code: 'not_found', message: String(request.url) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(hub, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const fast = { rate: 1_000, retryBaseMs: 2, followUpDelayMs: [1, 5] as const };

describe('runSimulator against a real HTTP server', () => {
  let hub: PlatformHub | undefined;
  afterEach(async () => {
    await hub?.close();
    hub = undefined;
  });

  it('posts signed, valid handoffs and follow-up messages for some of them', async () => {
    hub = await startPlatformHub();
    const events: SimulatorEvent[] = [];
    const summary = await runSimulator({ hubUrl: hub.url + '/', secret: SECRET, count: 30, seed: 3, ...fast, onEvent: (event) => events.push(event) });
    expect(summary).toMatchObject({ posted: 30, accepted: 30, duplicates: 0, failed: 0, retries: 0, aborted: false });
    expect(hub.badSignatures).toBe(0);
    expect(hub.handoffs.size).toBe(30);
    expect(summary.messagesPosted).toBeGreaterThan(5);
    expect(summary.messagesAccepted).toBe(summary.messagesPosted);
    expect(hub.messages).toHaveLength(summary.messagesPosted);
    const handoffIds = new Set(hub.handoffs.values());
    expect(hub.messages.every((message) => handoffIds.has(message.conversation))).toBe(true);
    expect(events.filter((event) => event.type === 'handoff_accepted')).toHaveLength(30);
  });

  it('posts the same handoffs for the same seed, so a re-run is seen as duplicates', async () => {
    hub = await startPlatformHub();
    await runSimulator({ hubUrl: hub.url, secret: SECRET, count: 10, seed: 8, followUpMessages: false, ...fast });
    const first = [...hub.handoffs.keys()];
    const again = await runSimulator({ hubUrl: hub.url, secret: SECRET, count: 10, seed: 8, followUpMessages: false, ...fast });
    expect(again).toMatchObject({ accepted: 10, duplicates: 10 });
    expect([...hub.handoffs.keys()]).toEqual(first);
    expect(first[0]).toBe('sim-8-evt-0');
  });

  it('retries 503, 429 and dropped connections with backoff, and never posts a handoff twice once accepted', async () => {
    hub = await startPlatformHub((eventId, attempt) => {
      const index = Number(eventId.split('-').at(-1));
      if (eventId.includes('followup')) return attempt === 1 ? 503 : undefined;
      if (index % 3 === 0 && attempt <= 2) return 503;
      if (index % 3 === 1 && attempt === 1) return 'drop';
      if (index === 5 && attempt === 1) return 429;
      return undefined;
    });
    const retries: SimulatorEvent[] = [];
    const summary = await runSimulator({
      hubUrl: hub.url,
      secret: SECRET,
      count: 12,
      seed: 5,
      ...fast,
      onEvent: (event) => event.type === 'retry' && retries.push(event),
    });
    expect(summary).toMatchObject({ posted: 12, accepted: 12, failed: 0 });
    expect(summary.messagesFailed).toBe(0);
    expect(summary.retries).toBe(retries.length);
    expect(retries.length).toBeGreaterThanOrEqual(4 * 2 + 4 + 1);
    expect(retries.some((event) => event.type === 'retry' && /HTTP 503/.test(event.error))).toBe(true);
    expect(hub.attempts.get('sim-5-evt-0')).toBe(3);
    expect(hub.attempts.get('sim-5-evt-2')).toBe(1);
  });

  it('gives up after maxAttempts on a hub that keeps failing, and does not retry a 4xx', async () => {
    hub = await startPlatformHub((eventId) => (eventId.endsWith('-0') ? 500 : 422));
    const failures: SimulatorEvent[] = [];
    const summary = await runSimulator({
      hubUrl: hub.url,
      secret: SECRET,
      count: 3,
      seed: 1,
      maxAttempts: 3,
      ...fast,
      onEvent: (event) => event.type === 'handoff_failed' && failures.push(event),
    });
    expect(summary).toMatchObject({ posted: 3, accepted: 0, failed: 3, retries: 2 });
    expect(hub.attempts.get('sim-1-evt-0')).toBe(3);
    expect(hub.attempts.get('sim-1-evt-1')).toBe(1);
    expect(failures).toContainEqual(expect.objectContaining({ eventId: 'sim-1-evt-1', httpStatus: 422, error: 'HTTP 422: injected failure' }));
  });

  it('fails every request signed with the wrong secret, without retrying', async () => {
    hub = await startPlatformHub();
    const summary = await runSimulator({ hubUrl: hub.url, secret: 'wrong', count: 4, seed: 2, ...fast });
    expect(summary).toMatchObject({ accepted: 0, failed: 4, retries: 0 });
    expect(hub.badSignatures).toBe(4);
  });

  it('keeps posting handoffs while earlier conversations wait for their follow-ups (injected clock)', async () => {
    hub = await startPlatformHub();
    const clock = new ManualClock(Date.now());
    let done = false;
    const run = runSimulator({
      hubUrl: hub.url,
      secret: SECRET,
      count: 4,
      rate: 1_000,
      seed: 6,
      clock,
      maxInFlight: 1,
      followUpShare: 1,
      followUpDelayMs: [60_000, 60_000],
    }).finally(() => (done = true));
    await expect
      .poll(() => {
        clock.advance(1);
        return hub!.handoffs.size;
      })
      .toBe(4);
    expect(hub.messages).toHaveLength(0);
    while (!done) {
      clock.advance(30_000);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const summary = await run;
    expect(summary.messagesPosted).toBeGreaterThanOrEqual(4);
    expect(summary.messagesAccepted).toBe(summary.messagesPosted);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stops early when aborted', async () => {
    hub = await startPlatformHub();
    const abort = new AbortController();
    const summary = await runSimulator({
      hubUrl: hub.url,
      secret: SECRET,
      count: 1_000,
      rate: 20,
      seed: 4,
      signal: abort.signal,
      onEvent: (event) => event.type === 'handoff_accepted' && event.index === 2 && abort.abort(),
    });
    expect(summary.aborted).toBe(true);
    // Without the abort this run would take 50 s; how many went out before it depends on machine load.
    expect(summary.posted).toBeLessThan(200);
    expect(summary.failed).toBe(0);
    expect(summary.posted).toBe(summary.accepted + summary.cancelled);
  });

  it('refuses bad options with the field named', async () => {
    await expect(runSimulator({ hubUrl: 'ftp://x', secret: '', count: -1, rate: 0, seed: 1.5 })).rejects.toThrow(
      /hubUrl: use http:\/\/ or https:\/\/.*secret: must not be empty.*count: .*rate: .*seed: /,
    );
  });
});
