// Bad input: generated malformed HTTP requests and WebSocket frames against the hub as a separate
// process (so a crash shows as an exit). Each kind has one right answer: a 400 naming the problem,
// 401 for a wrong or replayed signature, 413 for an oversized body, an `error` frame with
// bad_request for a malformed frame, the right close code where the protocol says so (1007 for a
// text frame that is not UTF-8, 1009 for an oversized frame, 4401 for a wrong token). Afterwards
// the hub is still up and has stored nothing but the one valid handoff whose replays were sent.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { HUB_PROTOCOL, MAX_FRAME_BYTES } from '../../shared/hub-protocol';
import { HandoffAccepted, INGEST_PATHS, IngestErrorBody, MAX_BODY_BYTES } from '../../shared/ingest';
import { handoffRequest } from '../../hub/testing/handoff-requests';
import { postSigned, sendRequest } from '../../hub/testing/signed-post';
import { makeTempDir } from '../../hub/testing/temp-dir';
import { signatureHeaders } from '../../hub/signature';
import { prng, report, type FaultScenario } from './fault-report';
import { seedAgents, startHubChild } from './hub-process';

interface HttpCase {
  kind: string;
  body: string | Buffer;
  headers: Record<string, string>;
  expect: number;
  /** For 400s: a word the message must contain (the field it names). */
  mentions?: string;
}

const WRONG_TYPED: { path: string[]; value: unknown }[] = [
  { path: ['eventId'], value: 42 },
  { path: ['trigger'], value: { nested: true } },
  { path: ['customer', 'id'], value: [] },
  { path: ['customer', 'name'], value: null },
  { path: ['customer', 'tier'], value: 'platinum-plus' },
  { path: ['conversation', 'externalId'], value: false },
  { path: ['conversation', 'channel'], value: 7 },
  { path: ['conversation', 'messages'], value: 'not a list' },
  { path: ['sentiment', 'score'], value: 'very' },
];

function deepNesting(depth: number): string {
  return '{"eventId":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
}

function invalidUtf8Body(): Buffer {
  const text = JSON.stringify(handoffRequest());
  const at = text.indexOf('Customer wants');
  // 0xC3 0x28 is an invalid two-byte sequence, 0xFF never occurs in UTF-8.
  return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(at))]);
}

function httpCase(random: () => number, secret: string): HttpCase {
  const signed = (body: string | Buffer, atMs = Date.now()) => ({ 'content-type': 'application/json', ...signatureHeaders(secret, body, atMs) });
  const r = random();
  if (r < 0.3) {
    const pick = WRONG_TYPED[Math.floor(random() * WRONG_TYPED.length)]!;
    const body = handoffRequest() as unknown as Record<string, Record<string, unknown>>;
    if (pick.path.length === 1) (body as Record<string, unknown>)[pick.path[0]!] = pick.value;
    else body[pick.path[0]!]![pick.path[1]!] = pick.value;
    const text = JSON.stringify(body);
    return { kind: 'wrong type', body: text, headers: signed(text), expect: 400, mentions: pick.path.at(-1) };
  }
  if (r < 0.35) {
    // Within the body limit but far over the field's limit, or over the body limit itself.
    if (random() < 0.5) {
      const text = JSON.stringify(handoffRequest({ triggerDetail: 'x'.repeat(200_000) }));
      return { kind: 'huge string', body: text, headers: signed(text), expect: 400, mentions: 'triggerDetail' };
    }
    const text = JSON.stringify(handoffRequest({ triggerDetail: 'x'.repeat(MAX_BODY_BYTES + 10) }));
    return { kind: 'huge body', body: text, headers: signed(text), expect: 413 };
  }
  if (r < 0.45) {
    const text = deepNesting(1_000 + Math.floor(random() * 50_000));
    return { kind: 'deep nesting', body: text, headers: signed(text), expect: 400, mentions: 'eventId' };
  }
  if (r < 0.55) {
    const body = invalidUtf8Body();
    return { kind: 'invalid UTF-8', body, headers: signed(body), expect: 400 };
  }
  if (r < 0.65) {
    const text = JSON.stringify(handoffRequest()).slice(0, 10 + Math.floor(random() * 200));
    return { kind: 'not JSON', body: text, headers: signed(text), expect: 400 };
  }
  if (r < 0.8) {
    const text = JSON.stringify(handoffRequest());
    const headers =
      random() < 0.5
        ? { 'content-type': 'application/json', ...signatureHeaders(randomBytes(16).toString('hex'), text) }
        : { 'content-type': 'application/json', ...signatureHeaders(secret, text + ' ') };
    return { kind: 'wrong signature', body: text, headers, expect: 401 };
  }
  // Captured and replayed after the tolerance window (10 min to a day later).
  const text = JSON.stringify(handoffRequest());
  return { kind: 'replayed signature (expired)', body: text, headers: signed(text, Date.now() - 600_000 - Math.floor(random() * 86_400_000)), expect: 401 };
}

type FrameCase = { kind: string; data: string | Buffer; binary: boolean; expect: 'bad_request' | 1007 | 1009 };

function frameCase(random: () => number): FrameCase {
  const r = random();
  if (r < 0.3) {
    const frames = [
      { type: 'ack', seq: 'one' },
      { type: 'accept', requestId: 5, handoffId: 'h' },
      { type: 'presence', requestId: 'r', presence: 'on the moon' },
      { type: 'reply', requestId: 'r', handoffId: 'h', messageId: 'm', text: 42 },
      { type: 'teleport', requestId: 'r' },
      { type: 'note_sync', requestId: 'r', changes: [] },
      { seq: 1 },
    ];
    return { kind: 'wrong types', data: JSON.stringify(frames[Math.floor(random() * frames.length)]), binary: false, expect: 'bad_request' };
  }
  if (r < 0.45) return { kind: 'huge string (in limit)', data: JSON.stringify({ type: 'reply', requestId: 'r', handoffId: 'h', messageId: 'm', text: 'y'.repeat(100_000) }), binary: false, expect: 'bad_request' };
  if (r < 0.5) return { kind: 'huge frame', data: 'z'.repeat(MAX_FRAME_BYTES + 1_000), binary: false, expect: 1009 };
  if (r < 0.65) return { kind: 'deep nesting', data: '{"type":"ack","seq":' + '['.repeat(5_000) + ']'.repeat(5_000) + '}', binary: false, expect: 'bad_request' };
  if (r < 0.75) return { kind: 'invalid UTF-8 (binary frame)', data: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]), binary: true, expect: 'bad_request' };
  if (r < 0.8) return { kind: 'invalid UTF-8 (text frame)', data: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]), binary: false, expect: 1007 };
  return { kind: 'not JSON', data: '{"type":"ack",' + 'x'.repeat(Math.floor(random() * 100)), binary: false, expect: 'bad_request' };
}

interface Tally {
  sent: number;
  right: number;
  wrong: Map<string, number>;
}

function miss(tally: Tally, what: string): void {
  tally.wrong.set(what, (tally.wrong.get(what) ?? 0) + 1);
}

const FRAME_LANES = 8;

/** One connection: hello, up to four malformed frames (the fifth strike would close it), then ping. */
async function frameConnection(wsUrl: string, token: string, cases: FrameCase[], tally: Tally): Promise<void> {
  const socket = new WebSocket(wsUrl, HUB_PROTOCOL);
  const frames: { type: string; error?: { code: string } }[] = [];
  let closeCode: number | null = null;
  const closed = new Promise<void>((resolve) => socket.once('close', (code) => ((closeCode = code), resolve())));
  socket.on('error', () => undefined);
  socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString()) as { type: string }));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'hello', token, lastSeq: 0, client: { name: 'fault', version: '1' } }));
  const until = async (check: () => boolean, ms: number) => {
    const deadline = Date.now() + ms;
    while (!check() && closeCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  };
  await until(() => frames.some((f) => f.type === 'welcome'), 10_000);
  for (const c of cases) {
    tally.sent++;
    const errorsBefore = frames.filter((f) => f.type === 'error').length;
    socket.send(c.data, { binary: c.binary });
    if (typeof c.expect === 'number') {
      await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
      if (closeCode === c.expect) tally.right++;
      else miss(tally, `${c.kind}: closed ${closeCode}, expected ${c.expect}`);
      return;
    }
    await until(() => frames.filter((f) => f.type === 'error').length > errorsBefore, 10_000);
    const answer = frames.filter((f) => f.type === 'error')[errorsBefore];
    if (answer?.error?.code === c.expect) tally.right++;
    else miss(tally, `${c.kind}: ${answer ? `error ${answer.error?.code}` : `no answer (close ${closeCode})`}`);
  }
  socket.send(JSON.stringify({ type: 'ping' }));
  await until(() => frames.some((f) => f.type === 'pong'), 10_000);
  if (!frames.some((f) => f.type === 'pong')) miss(tally, 'no pong after the malformed frames');
  socket.close();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 2_000))]);
  socket.terminate();
}

export const badInputScenario: FaultScenario = {
  name: 'bad input: malformed requests and frames',
  async run({ quick, log }) {
    const total = quick ? 600 : 10_000;
    const httpCount = Math.round(total * 0.6);
    const frameCount = total - httpCount;
    const random = prng(0xbad1);
    const dir = makeTempDir('baton-fault-input-');
    const secret = randomBytes(16).toString('hex');
    const dbPath = dir.file('hub.sqlite');
    // One agent per lane: a second connection of the same agent would replace the first (4409).
    const tokens = Array.from({ length: FRAME_LANES }, (_, i) => `bad-input-agent-${i}-${secret}`);
    const token = tokens[0]!;
    seedAgents(dbPath, tokens.map((t, i) => ({ id: `agent-${i}`, role: 'agent' as const, token: t, capacity: 50 })));
    const hub = await startHubChild({ dbPath, secret });
    const http: Tally = { sent: 0, right: 0, wrong: new Map() };
    const ws: Tally = { sent: 0, right: 0, wrong: new Map() };
    const started = performance.now();
    try {
      // One valid handoff, then its exact request replayed inside the window: answered with the same id, stored once.
      const original = JSON.stringify(handoffRequest());
      const originalHeaders = { 'content-type': 'application/json', ...signatureHeaders(secret, original) };
      const first = HandoffAccepted.parse((await sendRequest(hub.url, INGEST_PATHS.handoffs, { method: 'POST', body: original, headers: originalHeaders })).json);
      const cases: HttpCase[] = Array.from({ length: httpCount }, () => httpCase(random, secret));
      for (let i = 0; i < cases.length; i += 25) cases[i] = { kind: 'replayed request (in window)', body: original, headers: originalHeaders, expect: 202 };
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let c = cases[next++]; c; c = cases[next++]) {
            http.sent++;
            const answer = await sendRequest(hub.url, INGEST_PATHS.handoffs, { method: 'POST', body: c.body, headers: c.headers }).catch((e: Error) => ({ status: 0, json: undefined, text: e.message }));
            if (answer.status !== c.expect) {
              miss(http, `${c.kind}: ${answer.status}, expected ${c.expect}`);
              continue;
            }
            if (c.expect === 202) {
              const again = HandoffAccepted.safeParse(answer.json);
              if (again.success && again.data.handoffId === first.handoffId) http.right++;
              else miss(http, `${c.kind}: a different handoff id`);
              continue;
            }
            const body = IngestErrorBody.safeParse(answer.json);
            if (!body.success) miss(http, `${c.kind}: error body not {error:{code,message}}`);
            else if (c.mentions && !body.data.error.message.includes(c.mentions)) miss(http, `${c.kind}: message does not name ${c.mentions}`);
            else http.right++;
          }
        }),
      );
      log?.(`  ${http.sent} HTTP cases answered in ${Math.round(performance.now() - started)} ms`);

      const frames = Array.from({ length: frameCount }, () => frameCase(random));
      const groups: FrameCase[][] = [];
      for (let i = 0; i < frames.length; ) {
        const group: FrameCase[] = [];
        // A case that closes the socket ends its connection.
        while (group.length < 4 && i < frames.length) {
          const c = frames[i++]!;
          group.push(c);
          if (typeof c.expect === 'number') break;
        }
        groups.push(group);
      }
      // Connections one after another took 11 minutes on the loaded 2-core machine; lanes in parallel.
      let nextGroup = 0;
      await Promise.all(
        tokens.map(async (laneToken) => {
          for (let group = groups[nextGroup++]; group; group = groups[nextGroup++]) await frameConnection(hub.wsUrl, laneToken, group, ws);
        }),
      );
      // A forged token is refused with 4401 (counted as one more malformed frame).
      const forged: Tally = { sent: 0, right: 0, wrong: new Map() };
      await frameConnection(hub.wsUrl, `forged-${token}`, [], forged);
      log?.(`  ${ws.sent} frames answered in ${Math.round(performance.now() - started)} ms`);

      const health = await sendRequest(hub.url, INGEST_PATHS.health, { method: 'GET' }).catch(() => ({ status: 0 }));
      const still = await postSigned(hub.url, INGEST_PATHS.handoffs, handoffRequest(), { secret }).catch(() => ({ status: 0 }));
      const alive = hub.child.exitCode === null && hub.child.signalCode === null && health.status === 200 && still.status === 202;
      await hub.stop();
      const db = new Database(dbPath, { readonly: true });
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      const handoffs = count('SELECT COUNT(*) AS n FROM handoffs');
      const messages = count('SELECT COUNT(*) AS n FROM handoff_messages');
      const notes = count("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'hub_notes'") ? count('SELECT COUNT(*) AS n FROM hub_notes') : 0;
      db.close();
      // The original and the health-check handoff, nothing else.
      const strayRows = Math.max(0, handoffs - 2) + messages + notes;
      const wrong = [...http.wrong, ...ws.wrong].sort((a, b) => b[1] - a[1]);
      const sent = http.sent + ws.sent;
      const right = http.right + ws.right;
      return report({
        name: this.name,
        sent,
        kept: right,
        lost: 0,
        duplicated: strayRows,
        recoverMs: 0,
        passed: alive && right === sent && strayRows === 0,
        detail: `${http.sent} HTTP requests and ${ws.sent} frames; ${right} answered with the right error; hub ${alive ? 'still up' : 'DOWN'}; ${handoffs} handoffs stored (expected 2: the replayed one and the final check), ${messages} messages, ${notes} notes${wrong.length ? `; wrong answers: ${wrong.slice(0, 8).map(([k, n]) => `${n}× ${k}`).join('; ')}` : ''}; "kept" = correctly answered, "duplicated" = stray rows stored`,
      });
    } finally {
      await hub.stop();
      dir.remove();
    }
  },
};
