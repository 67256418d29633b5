// Starts bench/faults/hub-child.ts as a child process, seeds agents into its database before it
// opens, and reads its resident memory from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Role } from '../../shared/domain';
import { upsertAgent } from '../../hub/store/agent-queries';
import { openHubDatabase } from '../../hub/store/database';
import { hashToken } from '../../hub/token-hash';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CHILD = join(ROOT, 'bench', 'faults', 'hub-child.ts');

export interface HubChild {
  readonly child: ChildProcess;
  readonly url: string;
  readonly wsUrl: string;
  /** Resolves when the process has exited (for any reason). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  rssBytes(): number;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface AgentSeed {
  id: string;
  role: Role;
  token: string;
  capacity?: number;
  skills?: string[];
}

export function seedAgents(dbPath: string, agents: readonly AgentSeed[]): void {
  const db = openHubDatabase(dbPath);
  try {
    db.transaction(() => {
      for (const a of agents) upsertAgent(db, { id: a.id, name: `Agent ${a.id}`, role: a.role, skills: a.skills ?? [], capacity: a.capacity ?? 3, tokenHash: hashToken(a.token) }, Date.now());
    })();
  } finally {
    db.close();
  }
}

export function startHubChild(options: { dbPath: string; secret: string; port?: number; pingMs?: number; offerTimeoutMs?: number }): Promise<HubChild> {
  const args = ['--import', 'tsx', CHILD, '--db', options.dbPath, '--secret', options.secret, '--port', String(options.port ?? 0)];
  if (options.pingMs) args.push('--ping-ms', String(options.pingMs));
  if (options.offerTimeoutMs) args.push('--offer-timeout-ms', String(options.offerTimeoutMs));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hub child did not start:\n${output}`));
    }, 60_000);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+) (\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolveStart({
        child,
        url: match[1]!,
        wsUrl: match[2]!,
        exited,
        output: () => output,
        rssBytes() {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
        },
        async kill() {
          if (alive()) child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          if (!alive()) return;
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.kill('SIGTERM');
          await exited;
          clearTimeout(force);
        },
      });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`hub child exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}
