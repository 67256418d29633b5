// The hub link against the real hub (createHub) on 127.0.0.1: a signed POST becomes an offer at
// the link, accept is recorded in the hub's SQLite file, a hub restart on the same database resumes
// without duplicates, and a bad token ends in a fatal state. (It lives in demo/, the one desktop
// folder the layering rules let import hub code.)
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, type Hub } from '../../../hub/index';
import { silentLog } from '../../../hub/hub-log';
import { signatureHeaders } from '../../../hub/signature';
import { HandoffAccepted, INGEST_PATHS, type HandoffRequest } from '../../../shared/ingest';
import { Inbox } from '../inbox/inbox';
import { connectInboxToLink } from '../inbox/link-to-inbox';
import { HubLink, type HubLinkEvents } from '../hub-link/hub-link';

const secret = randomBytes(16).toString('hex');
const token = randomBytes(24).toString('base64url');
let dir: string;
let dbPath: string;
let hub: Hub | null = null;
const links: HubLink[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-link-hub-'));
  dbPath = join(dir, 'hub.sqlite');
});

afterEach(async () => {
  for (const link of links.splice(0)) await link.stop();
  await hub?.close();
  hub = null;
  rmSync(dir, { recursive: true, force: true });
});

function startHub(port = 0): Promise<Hub> {
  return createHub({
    port,
    dbPath,
    secret,
    agents: [{ id: 'agent-1', name: 'Jordan Lee', role: 'agent', skills: [], capacity: 3, token }],
    log: silentLog,
  });
}

function link(url: string, linkToken = token): HubLink {
  const created = new HubLink({ url, token: linkToken, backoff: { baseMs: 50, maxMs: 200 }, requestTimeoutMs: 5_000 });
  links.push(created);
  return created;
}

function request(n: number): HandoffRequest {
  return {
    eventId: `evt-${n}-${randomBytes(4).toString('hex')}`,
    trigger: 'human_requested',
    customer: { id: `cust-${n}`, name: `Customer ${n}`, tier: 'standard' },
    conversation: {
      externalId: `conv-${n}`,
      channel: 'chat',
      language: 'en',
      summary: `Customer ${n} wants to change the delivery address of an order.`,
      messages: [{ id: `m-${n}`, author: 'customer', text: 'Can I talk to a person?', at: new Date().toISOString() }],
    },
  };
}

async function post(target: Hub, body: HandoffRequest): Promise<string> {
  const raw = JSON.stringify(body);
  const response = await fetch(target.url + INGEST_PATHS.handoffs, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(secret, raw) },
    body: raw,
  });
  expect(response.status).toBe(202);
  return HandoffAccepted.parse(await response.json()).handoffId;
}

function next<K extends keyof HubLinkEvents>(target: HubLink, name: K, match: (e: HubLinkEvents[K]) => boolean = () => true): Promise<HubLinkEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event in time`));
    }, 10_000);
    const off = target.on(name, (e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

function statusInHubDb(handoffId: string): string | undefined {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT status FROM handoffs WHERE id = ?').get(handoffId) as { status: string } | undefined)?.status;
  } finally {
    db.close();
  }
}

describe('HubLink with the real hub', () => {
  test('a signed POST reaches the link as an offer; accept is stored by the hub', async () => {
    hub = await startHub();
    const agentLink = link(hub.url);
    const welcomed = next(agentLink, 'welcome');
    agentLink.start();
    expect((await welcomed).agent.name).toBe('Jordan Lee');

    const offered = next(agentLink, 'offer');
    const handoffId = await post(hub, request(1));
    const offer = await offered;
    expect(offer.handoff.id).toBe(handoffId);
    expect(offer.handoff.customer.name).toBe('Customer 1');
    expect(Date.parse(offer.offerExpiresAt)).toBeGreaterThan(Date.now());

    const result = await agentLink.accept(handoffId);
    expect(result.ok).toBe(true);
    expect(statusInHubDb(handoffId)).toBe('accepted');

    const again = await agentLink.accept('no-such-handoff');
    expect(again.ok).toBe(false);
  });

  test('after a hub restart on the same database the link resumes, with no event twice', async () => {
    hub = await startHub();
    const port = hub.port;
    const agentLink = link(hub.url);
    const seqs: number[] = [];
    agentLink.on('processed', (e) => seqs.push(e.seq));
    // What the UI is told: the hub may re-offer a handoff after a restart (a new event), but the
    // screen must show each offer once.
    const inbox = new Inbox(() => agentLink.agent?.id ?? null);
    connectInboxToLink(inbox, agentLink);
    const shown: string[] = [];
    inbox.onChange((c) => {
      if (c.event === 'offer:received') shown.push(c.payload.handoff.id);
    });
    const open = next(agentLink, 'state', (s) => s.status === 'open');
    agentLink.start();
    await open;

    const first = next(agentLink, 'offer');
    const firstId = await post(hub, request(1));
    await first;

    const backoff = next(agentLink, 'state', (s) => s.status === 'backoff');
    await hub.close();
    hub = null;
    expect((await backoff).error).toBeTruthy();

    hub = await startHub(port);
    const reopened = next(agentLink, 'welcome');
    await reopened;
    const second = next(agentLink, 'offer', (e) => e.handoff.id !== firstId);
    const secondId = await post(hub, request(2));
    await second;

    expect(shown.filter((id) => id === firstId)).toHaveLength(1);
    expect(shown.filter((id) => id === secondId)).toHaveLength(1);
    expect(inbox.list().map((i) => i.handoff.id).sort()).toEqual([firstId, secondId].sort());
    expect(new Set(seqs).size).toBe(seqs.length);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  test('a token the hub does not know ends in a fatal closed state', async () => {
    hub = await startHub();
    const badLink = link(hub.url, 'not-a-real-token');
    const closed = next(badLink, 'state', (s) => s.status === 'closed');
    badLink.start();
    const state = await closed;
    expect(state.fatal).toBe(true);
    expect(state.error).toMatch(/token/);
  });
});
