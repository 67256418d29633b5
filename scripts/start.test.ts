// `npm start` on a machine without the Electron binary (this one): one paragraph saying so, then
// the browser host in demo mode with its URL. Also the checks behind it, on temp folders.
import { afterAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newestSource } from './ensure-build.mjs';
import { electronBinary } from './start.mjs';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'baton-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start helpers', () => {
  test('the Electron binary counts only when path.txt names a file that exists', () => {
    const pkg = join(dir, 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    expect(electronBinary(pkg)).toBeNull();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(electronBinary(pkg)).toBeNull();
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(electronBinary(pkg)).toBe(join(pkg, 'dist', 'electron'));
  });

  test('the newest source ignores tests', () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'nested'), { recursive: true });
    writeFileSync(join(src, 'a.ts'), '');
    writeFileSync(join(src, 'nested', 'b.tsx'), '');
    writeFileSync(join(src, 'nested', 'b.test.tsx'), '');
    utimesSync(join(src, 'a.ts'), 1_000, 1_000);
    utimesSync(join(src, 'nested', 'b.tsx'), 2_000, 2_000);
    utimesSync(join(src, 'nested', 'b.test.tsx'), 9_000, 9_000);
    expect(newestSource([src]).path).toBe(join(src, 'nested', 'b.tsx'));
  });
});

describe.skipIf(electronBinary() !== null)('npm start without Electron', () => {
  test('explains in one paragraph and serves the browser host in demo mode', async () => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--port', '0', '--data', join(dir, 'data')], {
      cwd: root,
      env: { ...process.env, BATON_SKIP_BUILD: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    try {
      await new Promise<void>((resolveReady, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in time; output:\n${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (/Baton is running at http:\/\/127\.0\.0\.1:\d+\//.test(output)) {
            clearTimeout(timer);
            resolveReady();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => reject(new Error(`start exited with ${code}; output:\n${output}`)));
      });
      expect(output).toMatch(/The Electron runtime is not installed on this machine \(.*\)\..*Starting the browser host instead:/s);
      expect(output).toMatch(/runs in demo mode/);
      expect(output).toMatch(/Demo hub at http:\/\/127\.0\.0\.1:\d+/);
      const url = /Baton is running at (\S+)/.exec(output)![1]!;
      const res = await fetch(url);
      expect(res.status).toBeLessThan(600);
    } finally {
      // The whole process group: start.mjs and the host it spawned.
      await new Promise<void>((resolveExit) => {
        if (child.exitCode !== null) return resolveExit();
        child.once('exit', () => resolveExit());
        process.kill(-child.pid!, 'SIGTERM');
      });
    }
  });
});
