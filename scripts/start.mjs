// `npm start`: the desktop app in demo mode. Where the Electron binary is missing (CI, servers,
// machines that installed with ELECTRON_SKIP_BINARY_DOWNLOAD) it says so in one paragraph and
// serves the same app to a browser instead. Extra arguments go to the browser host
// (e.g. `npm start -- --port 0`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** The Electron binary's path, found the way the electron package itself does, without loading it. */
export function electronBinary(electronDir = join(root, 'node_modules', 'electron')) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

function run(command, args) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveRun(code ?? (signal ? 1 : 0));
    });
    child.on('error', (error) => {
      console.error(`start: could not run ${command}: ${error.message}`);
      resolveRun(1);
    });
  });
}

async function main() {
  const extra = process.argv.slice(2);
  if (electronBinary()) {
    // Builds main, preload and renderer, then launches the app.
    process.exitCode = await run(bin('electron-vite'), ['preview']);
    return;
  }
  console.log(
    'The Electron runtime is not installed on this machine (the electron package is there, but its ' +
      'binary was never downloaded: npm install ran offline or with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
      'To get the desktop app, run `node node_modules/electron/install.js` on a machine that can reach ' +
      'the Electron download servers (or set ELECTRON_MIRROR to your mirror), then `npm start` again. ' +
      'Starting the browser host instead:',
  );
  const built = await run(process.execPath, [join(root, 'scripts', 'ensure-build.mjs')]);
  if (built !== 0) {
    process.exitCode = built;
    return;
  }
  // Without --hub (or BATON_HUB_URL) the host runs in demo mode and says so.
  process.exitCode = await run(bin('tsx'), [join(root, 'main', 'web', 'cli.ts'), ...extra]);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
