// The walking skeleton end to end on loopback: a real hub (HTTP + WebSocket + SQLite file), a real
// ws client as the desktop, signed POSTs as the bot platform.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { HandoffAccepted, INGEST_PATHS, IngestErrorBody, MAX_BODY_BYTES } from '../shared/ingest';
import { createHub, type Hub } from './index';
import { silentLog } from './hub-log';
import { createFixedEscalation } from './ingest/fixed-escalation';
import { getHandoff } from './store/handoff-queries';
import { listReceipts } from './store/receipt-queries';
import { handoffRequest } from './testing/handoff-requests';
import { postSigned, sendRequest } from './testing/signed-post';
import { connectTestAgent, type TestAgent } from './testing/test-agent';
import { makeTempDir, type TempDir } from './testing/temp-dir';

const secret = 'test-secret-0123456789';
const token = 'token-agent-ann-0123456789';
let dir: TempDir;
let hub: Hub;
const agents: TestAgent[] = [];

async function connect(tokenValue = token, lastSeq = 0) {
  const agent = await connectTestAgent(hub.wsUrl, tokenValue, { lastSeq });
  agents.push(agent);
  return agent;
}

function post(body: unknown, options: Partial<Parameters<typeof postSigned>[3]> = {}) {
  return postSigned(hub.url, INGEST_PATHS.handoffs, body, { secret, ...options });
}

beforeEach(async () => {
  dir = makeTempDir();
  hub = await createHub({
    port: 0,
    dbPath: dir.file('hub.sqlite'),
    secret,
    log: silentLog,
    escalation: createFixedEscalation(),
    agents: [
      { id: 'ann', name: 'Ann Agent', role: 'agent', skills: ['billing'], capacity: 2, token },
      { id: 'lee', name: 'Lee Lead', role: 'supervisor', token: 'token-lead-lee-0123456789' },
    ],
  });
});

afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
  await hub.close();
  dir.remove();
});

describe('walking skeleton', () => {
  test('a signed POST becomes an offer at the connected agent; accept is stored', async () => {
    const ann = await connect();
    expect(ann.welcome?.agent).toMatchObject({ id: 'ann', role: 'agent', presence: 'available' });

    const answer = await post(handoffRequest());
    expect(answer.status).toBe(202);
    const accepted = HandoffAccepted.parse(answer.json);
    expect(accepted).toMatchObject({ status: 'offered', duplicate: false, eligibleAgentsOnline: 1 });
    expect(accepted.customerMessage.length).toBeGreaterThan(0);

    const offer = await ann.waitForEvent('offer', (event) => event.handoff.id === accepted.handoffId);
    expect(offer.handoff.status).toBe('offered');
    expect(Date.parse(offer.offerExpiresAt)).toBeGreaterThan(Date.now());

    const result = await ann.accept(accepted.handoffId);
    expect(result.ok).toBe(true);
    const updated = await ann.waitForEvent('handoff_updated', (event) => event.handoff.id === accepted.handoffId);
    expect(updated.handoff).toMatchObject({ status: 'accepted', assignedAgentId: 'ann' });

    const stored = getHandoff(hub.db, accepted.handoffId)!;
    expect(stored.handoff).toMatchObject({ status: 'accepted', assignedAgentId: 'ann' });
    expect(listReceipts(hub.db, accepted.handoffId).map((receipt) => receipt.stage)).toEqual(['received', 'queued', 'offered', 'accepted']);
  });

  test('a retried POST (same eventId) returns the same handoff marked duplicate and stores nothing new', async () => {
    const request = handoffRequest();
    const first = HandoffAccepted.parse((await post(request)).json);
    const again = await post(request);
    expect(again.status).toBe(202);
    expect(HandoffAccepted.parse(again.json)).toMatchObject({ handoffId: first.handoffId, duplicate: true });
    expect((hub.db.prepare('SELECT COUNT(*) AS n FROM handoffs').get() as { n: number }).n).toBe(1);
  });

  test('with nobody online the handoff waits in the queue and the answer says so', async () => {
    const accepted = HandoffAccepted.parse((await post(handoffRequest())).json);
    expect(accepted).toMatchObject({ status: 'queued', eligibleAgentsOnline: 0, expectedWaitSeconds: null });
    const ann = await connect();
    await ann.waitForEvent('offer', (event) => event.handoff.id === accepted.handoffId);
  });

  test('customer messages after the handoff reach the assigned agent live', async () => {
    const ann = await connect();
    const request = handoffRequest();
    const accepted = HandoffAccepted.parse((await post(request)).json);
    await ann.waitForEvent('offer');
    await ann.accept(accepted.handoffId);
    const path = INGEST_PATHS.messages.replace(':id', encodeURIComponent(String(request.conversation.externalId)));
    const body = { eventId: 'msg-evt-1', message: { id: 'cm-1', text: 'Are you still there?', at: new Date().toISOString() } };
    const answer = await postSigned(hub.url, path, body, { secret });
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ handoffId: accepted.handoffId, duplicate: false, deliveredToAgent: true });
    const message = await ann.waitForEvent('message');
    expect(message).toMatchObject({ handoffId: accepted.handoffId, message: { id: 'cm-1', author: 'customer', text: 'Are you still there?' } });
    const retry = await postSigned(hub.url, path, body, { secret });
    expect(retry.json).toMatchObject({ duplicate: true });
  });

  test('healthz answers, unknown routes 404, wrong methods 405', async () => {
    const health = await sendRequest(hub.url, '/healthz', { method: 'GET' });
    expect(health.status).toBe(200);
    expect(health.json).toMatchObject({ ok: true });
    const missing = await sendRequest(hub.url, '/nope', { method: 'GET' });
    expect(missing.status).toBe(404);
    expect(IngestErrorBody.parse(missing.json).error.code).toBe('not_found');
    const wrong = await sendRequest(hub.url, INGEST_PATHS.handoffs, { method: 'GET' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
  });
});

describe('escalation rules on ingest', () => {
  test('a rules file decides priority, queue and SLA; the handoff records which rule fired; the customer message is filled in', async () => {
    const { writeFileSync } = await import('node:fs');
    const rulesPath = dir.file('rules.yaml');
    writeFileSync(
      rulesPath,
      [
        'version: 1',
        'strategy: first-match',
        'defaults:',
        '  priority: P4',
        '  queue: general',
        '  slaSeconds: 900',
        '  customerMessage: "Hi {{customerFirstName}}, someone joins in {{expectedWait}}."',
        'rules:',
        '  - id: vip-fast-lane',
        '    description: VIP customers go first',
        '    when: { tier: vip }',
        '    then: { priority: P1, queue: vip, slaSeconds: 60, alertSupervisor: true }',
      ].join('\n'),
    );
    const rulesHub = await createHub({ port: 0, dbPath: dir.file('rules-hub.sqlite'), secret, log: silentLog, rulesPath, agents: [{ id: 'lee', name: 'Lee', role: 'supervisor', token: 'token-lead-lee-0123456789' }] });
    try {
      const lee = await connectTestAgent(rulesHub.wsUrl, 'token-lead-lee-0123456789');
      agents.push(lee);
      const base = handoffRequest();
      const answer = await postSigned(rulesHub.url, INGEST_PATHS.handoffs, { ...base, customer: { ...base.customer, name: 'Vera Vip', tier: 'vip' } }, { secret });
      const accepted = HandoffAccepted.parse(answer.json);
      expect(accepted.customerMessage).toMatch(/^Hi Vera, someone joins in /);
      expect(accepted.customerMessage).not.toContain('{{');
      const stored = getHandoff(rulesHub.db, accepted.handoffId)!.handoff;
      expect(stored).toMatchObject({ priority: 'P1', queue: 'vip' });
      expect(Date.parse(stored.slaDeadline) - Date.parse(stored.receivedAt)).toBe(60_000);
      expect(stored.rules).toEqual([{ ruleId: 'vip-fast-lane', reason: expect.stringContaining('VIP customers go first') }]);
      const alert = await lee.waitForEvent('supervisor_alert', (event) => event.alert === 'rule');
      expect(alert.handoff.id).toBe(accepted.handoffId);
    } finally {
      await Promise.all(agents.splice(0).map((agent) => agent.close()));
      await rulesHub.close();
    }
  });
});

describe('bad input gets the right 4xx and the hub keeps serving', () => {
  const cases: { name: string; send: () => Promise<{ status: number; json: unknown }>; status: number; message: RegExp }[] = [
    { name: 'unsigned', send: () => post(handoffRequest(), { secret: null }), status: 401, message: /missing/ },
    { name: 'signed with the wrong secret', send: () => post(handoffRequest(), { secret: 'not-the-secret' }), status: 401, message: /does not match/ },
    { name: 'stale timestamp', send: () => post(handoffRequest(), { nowMs: Date.now() - 10 * 60_000 }), status: 401, message: /away from the hub's clock/ },
    { name: 'oversized', send: () => post('x'.repeat(MAX_BODY_BYTES + 1)), status: 413, message: /larger than/ },
    { name: 'malformed JSON', send: () => post('{"eventId": '), status: 400, message: /body is not valid JSON/ },
    {
      name: 'schema-violating',
      send: () => post({ ...handoffRequest(), trigger: 'bored' }),
      status: 400,
      message: /trigger/,
    },
    {
      name: 'missing nested field',
      send: () => {
        const request = handoffRequest();
        return post({ ...request, customer: { ...request.customer, name: undefined } });
      },
      status: 400,
      message: /customer\.name/,
    },
  ];

  for (const testCase of cases) {
    test(testCase.name, async () => {
      const answer = await testCase.send();
      expect(answer.status).toBe(testCase.status);
      const body = IngestErrorBody.parse(answer.json);
      expect(body.error.message).toMatch(testCase.message);
      expect((hub.db.prepare('SELECT COUNT(*) AS n FROM handoffs').get() as { n: number }).n).toBe(0);
      const good = await post(handoffRequest());
      expect(good.status).toBe(202);
    });
  }

  test('a transcript too long for one WebSocket frame reaches the agent trimmed, newest messages kept', async () => {
    const ann = await connect();
    const base = handoffRequest();
    const at = new Date().toISOString();
    const messages = Array.from({ length: 60 }, (_, i) => ({ id: `long-${i}`, author: 'customer' as const, text: `${i} ${'z'.repeat(10_000)}`, at }));
    const answer = await post({ ...base, conversation: { ...base.conversation, messages } });
    expect(answer.status).toBe(202);
    const offer = await ann.waitForEvent('offer');
    const delivered = offer.handoff.conversation.messages;
    expect(delivered[0]).toMatchObject({ author: 'system', text: expect.stringMatching(/earlier messages omitted/) });
    expect(delivered.at(-1)!.id).toBe('long-59');
    expect(delivered.length).toBeLessThan(60);
  });

  test('a chunked body over the limit is cut off with 413', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(new URL(INGEST_PATHS.handoffs, hub.url), { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
    expect((await post(handoffRequest())).status).toBe(202);
  });
});
