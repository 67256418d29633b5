// Durable before acknowledged: a hub process is killed with SIGKILL in the middle of a burst of
// signed ingests, restarted on the same SQLite file, and every handoff that got a 202 must exist
// and be offered to the agents that connect afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { HandoffAccepted, INGEST_PATHS } from '../shared/ingest';
import { runAgentsCommand } from './cli';
import { openHubDatabase } from './store/database';
import { getHandoff } from './store/handoff-queries';
import { handoffRequest } from './testing/handoff-requests';
import { postSigned } from './testing/signed-post';
import { connectTestAgent, type TestAgent } from './testing/test-agent';
import { makeTempDir, type TempDir } from './testing/temp-dir';

const ROOT = resolve(import.meta.dirname, '..');
const secret = 'crash-test-secret';
const AGENTS = 5;
const CAPACITY = 50;
const KILL_AFTER = 120;

let dir: TempDir;
const children: ChildProcess[] = [];
const clients: TestAgent[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  dir?.remove();
});

function startHub(dbPath: string): Promise<{ child: ChildProcess; url: string; wsUrl: string }> {
  // `node --import tsx`, not the tsx binary: tsx runs the script in a child process of its own, and
  // a SIGKILL of the wrapper would leave that hub running (no crash at all).
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'hub', 'cli.ts'), '--port', '0', '--db', dbPath, '--secret', secret], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolveStart, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+) \(WebSocket (\S+),/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveStart({ child, url: match[1]!, wsUrl: match[2]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}:\n${output}`)));
  });
}

/**
 * Posts signed handoffs from `senders` concurrent senders until KILL_AFTER were answered 202, then
 * SIGKILLs the hub with requests still in flight; resolves with the acknowledged ids once it exited.
 */
async function ingestUntilKilled(hub: { child: ChildProcess; url: string }, senders: number): Promise<string[]> {
  const acknowledged: string[] = [];
  let killed = false;
  const exited = new Promise<void>((resolveExit) => hub.child.once('exit', () => resolveExit()));
  const sender = async () => {
    while (!killed) {
      try {
        const answer = await postSigned(hub.url, INGEST_PATHS.handoffs, handoffRequest(), { secret });
        if (answer.status === 202 && !killed) {
          acknowledged.push(HandoffAccepted.parse(answer.json).handoffId);
          if (acknowledged.length >= KILL_AFTER) {
            killed = true;
            hub.child.kill('SIGKILL');
          }
        }
      } catch {
        // Connection reset by the kill: that request was never acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, sender));
  await exited;
  return acknowledged;
}

test('every handoff answered 202 before a SIGKILL exists after restart and is offered', async () => {
  dir = makeTempDir('baton-crash-');
  const dbPath = dir.file('hub.sqlite');
  const io = { out() {}, err() {}, env: {} };
  for (let i = 0; i < AGENTS; i++) {
    runAgentsCommand(['add', '--db', dbPath, '--id', `a${i}`, '--name', `Agent ${i}`, '--capacity', String(CAPACITY), '--token', `crash-token-${i}-0123456789`], io);
  }

  const first = await startHub(dbPath);
  // 16 concurrent senders, like a busy platform; the kill lands while requests are in flight.
  const acknowledged = await ingestUntilKilled(first, 16);
  expect(first.child.signalCode).toBe('SIGKILL');
  expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);

  const db = openHubDatabase(dbPath);
  try {
    for (const id of acknowledged) expect(getHandoff(db, id), `handoff ${id} answered 202 but missing`).toBeDefined();
  } finally {
    db.close();
  }

  const second = await startHub(dbPath);
  for (let i = 0; i < AGENTS; i++) clients.push(await connectTestAgent(second.wsUrl, `crash-token-${i}-0123456789`));
  const offered = () => new Set(clients.flatMap((client) => client.eventsOf('offer').map((event) => event.handoff.id)));
  await clients[0]!.waitFor(() => acknowledged.every((id) => offered().has(id)), 15_000, 'offers for every acknowledged handoff');
  const all = clients.flatMap((client) => client.eventsOf('offer').map((event) => event.handoff.id));
  expect(new Set(all).size).toBe(all.length); // each offered once
}, 60_000);

/**
 * What each agent's desktop shows as waiting offers, from its events in sequence order, each seq
 * once across its connections (the hub link drops a seq it already processed), as its inbox does.
 */
function liveOffers(connections: readonly TestAgent[]): { live: Set<string>; alertedTwice: string[] } {
  const bySeq = new Map<number, (typeof connections)[number]['events'][number]['event']>();
  for (const connection of connections) for (const frame of connection.events) if (!bySeq.has(frame.seq)) bySeq.set(frame.seq, frame.event);
  const live = new Set<string>();
  const alertedTwice: string[] = [];
  for (const [, event] of [...bySeq].sort(([a], [b]) => a - b)) {
    if (event.kind === 'offer') {
      if (live.has(event.handoff.id)) alertedTwice.push(event.handoff.id);
      live.add(event.handoff.id);
    } else if (event.kind === 'offer_revoked') live.delete(event.handoffId);
  }
  return { live, alertedTwice };
}

test('offers in flight at a SIGKILL stay with their agents after restart: no handoff shown on two desktops', async () => {
  dir = makeTempDir('baton-crash-offers-');
  const dbPath = dir.file('hub.sqlite');
  const io = { out() {}, err() {}, env: {} };
  const tokens = Array.from({ length: 3 }, (_, i) => `crash-offer-token-${i}-0123456789`);
  tokens.forEach((token, i) => runAgentsCommand(['add', '--db', dbPath, '--id', `a${i}`, '--name', `Agent ${i}`, '--capacity', String(CAPACITY), '--token', token], io));

  const first = await startHub(dbPath);
  // Connected across the kill: they hold offers when the hub dies (3 × 50 slots for 120 handoffs).
  const before = await Promise.all(tokens.map((token) => connectTestAgent(first.wsUrl, token)));
  clients.push(...before);
  const acknowledged = await ingestUntilKilled(first, 8);
  await Promise.all(before.map((link) => link.closed));

  const second = await startHub(dbPath);
  // Each desktop resumes after the last event it processed, as the hub link does.
  const after: TestAgent[] = [];
  for (const [i, token] of tokens.entries()) after.push(await connectTestAgent(second.wsUrl, token, { lastSeq: before[i]!.lastSeq }));
  clients.push(...after);
  const views = () => tokens.map((_, i) => liveOffers([before[i]!, after[i]!]));
  const holders = (id: string) => views().filter((view) => view.live.has(id)).length;
  await after[0]!.waitFor(() => acknowledged.every((id) => holders(id) >= 1), 15_000, 'every acknowledged handoff on a desktop');
  await new Promise((r) => setTimeout(r, 300)); // a second offer would arrive now
  const shownTwice = acknowledged.filter((id) => holders(id) > 1);
  expect(shownTwice, 'handoffs shown as waiting offers on two desktops').toEqual([]);
  expect(views().flatMap((view) => view.alertedTwice), 'offers alerted twice on one desktop').toEqual([]);
  // Nothing was re-offered: the offers the agents held are the ones they still hold.
  expect(after.flatMap((link) => link.eventsOf('offer_revoked'))).toEqual([]);
}, 90_000);
