// `npm run dist` finds an Electron runtime without downloading, or stops with one sentence.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveElectronRuntime } from './electron-runtime.mjs';

const run = promisify(execFile);
const root = join(__dirname, '..');
const emptyCache = mkdtempSync(join(tmpdir(), 'baton-electron-cache-'));
afterAll(() => rmSync(emptyCache, { recursive: true, force: true }));

const base = { projectDir: '/p', platform: 'linux', arch: 'x64', electronVersion: '45.5.0' };
const only = (...paths: string[]) => (path: string) => paths.includes(path);

describe('resolveElectronRuntime', () => {
  it.each([
    ['ELECTRON_DIST wins', { ELECTRON_DIST: '/e' }, only('/e', '/p/node_modules/electron/dist/electron'), { kind: 'dist', path: '/e', source: 'ELECTRON_DIST' }],
    ['relative ELECTRON_DIST resolves from the project', { ELECTRON_DIST: 'rt' }, only('/p/rt'), { kind: 'dist', path: '/p/rt' }],
    ['installed electron binary', {}, only('/p/node_modules/electron/dist/electron'), { kind: 'dist', path: '/p/node_modules/electron/dist' }],
    ['download cache', { ELECTRON_CACHE: '/c' }, only('/c/electron-v45.5.0-linux-x64.zip'), { kind: 'cache', path: '/c/electron-v45.5.0-linux-x64.zip' }],
    ['ELECTRON_DIST that does not exist', { ELECTRON_DIST: '/gone' }, only(), { kind: 'missing', message: expect.stringMatching(/^ELECTRON_DIST points at \/gone, which does not exist/) }],
    ['nothing anywhere', { ELECTRON_CACHE: '/c' }, only(), { kind: 'missing', message: expect.stringMatching(/^No Electron 45\.5\.0 runtime for linux-x64 .*set ELECTRON_DIST/) }],
    ['blank ELECTRON_DIST is ignored', { ELECTRON_DIST: '  ', ELECTRON_CACHE: '/c' }, only(), { kind: 'missing' }],
  ])('%s', (_name, env, exists, expected) => {
    expect(resolveElectronRuntime({ ...base, env, exists })).toMatchObject(expected);
  });

  it('without the electron package asks for npm install or ELECTRON_DIST', () => {
    expect(resolveElectronRuntime({ ...base, electronVersion: undefined, env: {}, exists: only() })).toMatchObject({ kind: 'missing', message: expect.stringContaining('npm install') });
  });
});

describe('node scripts/dist.mjs without any Electron runtime', () => {
  it.skipIf(existsSync(join(root, 'node_modules', 'electron', 'dist')))('stops at once with one sentence and a non-zero exit, no stack trace', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_CACHE: emptyCache };
    delete env.ELECTRON_DIST;
    const failure = await run(process.execPath, [join(root, 'scripts', 'dist.mjs'), '--dir'], { cwd: root, env }).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).toBe(2);
    const lines = failure!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dist: No Electron .* set ELECTRON_DIST to a folder holding an unpacked Electron/);
    expect(failure!.stderr).not.toMatch(/\n\s+at /);
    expect(failure!.stdout).toBe('');
  });
});
