// Test support: runs the real hub (`hub/cli.ts`, as `npm run hub` does) as a child process on a
// fixed loopback port, so a test can stop it and start it again at the same address, and a TCP
// proxy that can cut the connection right after the hub answered (a lost acknowledgement).
// Spawning keeps the layering: desktop code never imports hub code.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
// node --import tsx rather than the tsx wrapper, so signals reach the hub itself and nothing is orphaned.
const TS_NODE = [process.execPath, '--import', 'tsx'] as const;
const HUB_CLI = join(REPO, 'hub', 'cli.ts');
export const HUB_TEST_SECRET = 'sync-test-secret-0123456789';

export function agentToken(agentId: string): string {
  return `token-${agentId}-sync-0123456789`;
}

/** Registers agents in the hub's database with the hub's own admin command. */
export function addHubAgents(dbPath: string, agentIds: string[]): void {
  for (const id of agentIds) {
    const run = spawnSync(TS_NODE[0], [...TS_NODE.slice(1), HUB_CLI, 'agents', 'add', '--id', id, '--name', `Agent ${id}`, '--token', agentToken(id), '--db', dbPath], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`adding agent ${id} failed: ${run.stderr}`);
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface HubProcess {
  readonly url: string;
  stop(): Promise<void>;
}

export function startHubProcess(dbPath: string, port: number): Promise<HubProcess> {
  const child: ChildProcess = spawn(TS_NODE[0], [...TS_NODE.slice(1), HUB_CLI, '--port', String(port), '--db', dbPath], {
    cwd: REPO,
    env: { ...process.env, BATON_HUB_SECRET: HUB_TEST_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`hub did not start; output:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done({ url: match[1]!, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`hub exited with ${code}; output:\n${output}`));
    });
  });
}

/**
 * A loopback TCP proxy in front of the hub. `dropNextAnswers(n)` makes it cut both connections the
 * moment the hub's answer to a note_sync passes through (the hub has stored the batch; the desktop
 * never hears so), n times.
 */
export class LossyProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private drops = 0;
  dropped = 0;

  constructor(private readonly target: number) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const cut = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.connect(this.target, '127.0.0.1');
      client.on('data', (data) => upstream.write(data));
      upstream.on('data', (data: Buffer) => {
        if (this.drops > 0 && data.includes('"outcomes"')) {
          this.drops--;
          this.dropped++;
          cut();
          return;
        }
        client.write(data);
      });
      client.on('close', cut).on('error', cut);
      upstream.on('close', cut).on('error', cut);
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return (this.server.address() as AddressInfo).port;
  }

  dropNextAnswers(count: number): void {
    this.drops = count;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
