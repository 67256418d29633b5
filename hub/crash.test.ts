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
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
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
  const child = spawn(TSX, [join(ROOT, 'hub', 'cli.ts'), '--port', '0', '--db', dbPath, '--secret', secret], {
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

test('every handoff answered 202 before a SIGKILL exists after restart and is offered', async () => {
  dir = makeTempDir('baton-crash-');
  const dbPath = dir.file('hub.sqlite');
  const io = { out() {}, err() {}, env: {} };
  for (let i = 0; i < AGENTS; i++) {
    runAgentsCommand(['add', '--db', dbPath, '--id', `a${i}`, '--name', `Agent ${i}`, '--capacity', String(CAPACITY), '--token', `crash-token-${i}-0123456789`], io);
  }

  const first = await startHub(dbPath);
  const acknowledged: string[] = [];
  let killed = false;
  const exited = new Promise<void>((resolveExit) => first.child.once('exit', () => resolveExit()));
  // 16 concurrent senders, like a busy platform; the kill lands while requests are in flight.
  const sender = async () => {
    while (!killed) {
      try {
        const answer = await postSigned(first.url, INGEST_PATHS.handoffs, handoffRequest(), { secret });
        if (answer.status === 202 && !killed) {
          acknowledged.push(HandoffAccepted.parse(answer.json).handoffId);
          if (acknowledged.length >= KILL_AFTER) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      } catch {
        // Connection reset by the kill: that request was never acknowledged.
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, sender));
  await exited;
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
