#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: builds the app with electron-vite, then this OS's
// installers with electron-builder (`-- --dir` for dist/<platform>-unpacked only). Packages around
// ELECTRON_DIST when set. With no Electron runtime anywhere it stops at once with one sentence.
// Extra flag: --no-build skips electron-vite (out/ must already hold a build).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveElectronRuntime } from './electron-runtime.mjs';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(sentence) {
  process.stderr.write(`dist: ${sentence}\n`);
  process.exit(2);
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function targetArch(args) {
  for (const arch of ['x64', 'arm64', 'ia32', 'armv7l', 'universal']) if (args.includes(`--${arch}`)) return arch;
  return process.arch;
}

function run(script, args) {
  const result = spawnSync(process.execPath, [join(projectDir, 'node_modules', ...script), ...args], { cwd: projectDir, stdio: 'inherit' });
  if (result.error) fail(`could not start ${script[0]}: ${result.error.message}.`);
  return result.status ?? 1;
}

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const builderArgs = args.filter((a) => a !== '--no-build');
// Publishing is explicit (`-- --publish always` in the release job): electron-builder would
// otherwise publish on its own whenever it detects CI.
if (!builderArgs.some((a) => a === '--publish' || a === '-p' || a.startsWith('--publish='))) builderArgs.push('--publish', 'never');

const runtime = resolveElectronRuntime({
  env: process.env,
  projectDir,
  platform: process.platform,
  arch: targetArch(builderArgs),
  electronVersion: electronVersion(),
  exists: existsSync,
});
if (runtime.kind === 'missing') fail(runtime.message);

if (!skipBuild) {
  const status = run(['electron-vite', 'bin', 'electron-vite.js'], ['build']);
  if (status !== 0) fail(`electron-vite build failed (exit ${status}); see its output above.`);
} else if (!existsSync(join(projectDir, 'out', 'main', 'index.js'))) {
  fail('--no-build was given but out/main/index.js is missing: run npm run build first.');
}

if (runtime.kind === 'dist') {
  builderArgs.push(`-c.electronDist=${runtime.path}`);
  console.log(`dist: packaging around the Electron runtime in ${runtime.path} (${runtime.source})`);
}
process.exit(run(['electron-builder', 'cli.js'], builderArgs));
