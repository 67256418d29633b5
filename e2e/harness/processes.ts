// Starts the project's own commands (browser host, hub) as child processes, the way a user runs
// them, and waits for the line that says where they listen.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface RunningProcess {
  readonly url: string;
  readonly output: () => string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Runs a TypeScript entry point with tsx and resolves once `pattern` matches its output. */
export function startTsProcess(
  entry: string,
  args: string[],
  pattern: RegExp,
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunningProcess> {
  // `node --import tsx` rather than the tsx wrapper: a signal then reaches the process itself and
  // a SIGKILL cannot leave an orphaned child behind.
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, entry), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(killTimer);
        resolveStop();
      });
      child.kill('SIGTERM');
    });
  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      void stop();
      rejectStart(new Error(`${entry} did not start within ${options.timeoutMs ?? 30_000} ms; output:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveStart({ url: match[1] ?? match[0], output: () => output, child, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`${entry} exited with ${code} before it was ready; output:\n${output}`));
    });
  });
}

export const WEB_HOST_READY = /Baton is running at (http:\/\/127\.0\.0\.1:\d+\/)/;

/** The simulator's closing summary ("N posted, N accepted, …"): every handoff has been answered. */
export const SIMULATOR_DONE = /(\d+) posted, (\d+) accepted/;
