// Finds the Electron runtime `npm run dist` packages around, without downloading anything:
// ELECTRON_DIST (electron-builder's electronDist) first, then the binary the electron package
// installed, then electron-builder's download cache. Pure apart from the injected `exists`.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The folder electron's install.js unpacks into, per OS. */
const PACKAGE_BINARY = {
  linux: 'electron',
  win32: 'electron.exe',
  darwin: join('Electron.app', 'Contents', 'MacOS', 'Electron'),
};

function defaultCacheDirs(env, platform) {
  if (env.ELECTRON_CACHE) return [env.ELECTRON_CACHE];
  if (platform === 'darwin') return [join(homedir(), 'Library', 'Caches', 'electron')];
  if (platform === 'win32') return [join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache')];
  return [join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron')];
}

/**
 * @returns {{ kind: 'dist', path: string, source: string } | { kind: 'cache', path: string } | { kind: 'missing', message: string }}
 */
export function resolveElectronRuntime({ env, projectDir, platform, arch, electronVersion, exists }) {
  if (env.ELECTRON_DIST !== undefined && env.ELECTRON_DIST.trim() !== '') {
    const dist = resolve(projectDir, env.ELECTRON_DIST);
    if (!exists(dist)) {
      return { kind: 'missing', message: `ELECTRON_DIST points at ${dist}, which does not exist: set it to a folder holding an unpacked Electron ${electronVersion ?? ''} for ${platform}-${arch}.`.replace('  ', ' ') };
    }
    return { kind: 'dist', path: dist, source: 'ELECTRON_DIST' };
  }
  if (!electronVersion) {
    return { kind: 'missing', message: 'The electron package is not installed: run npm install, or set ELECTRON_DIST to a folder holding an unpacked Electron.' };
  }
  const packageDist = join(projectDir, 'node_modules', 'electron', 'dist');
  const binary = PACKAGE_BINARY[platform];
  if (binary && exists(join(packageDist, binary))) return { kind: 'dist', path: packageDist, source: 'node_modules/electron/dist' };
  const zip = `electron-v${electronVersion}-${platform}-${arch}.zip`;
  for (const dir of defaultCacheDirs(env, platform)) {
    if (exists(join(dir, zip))) return { kind: 'cache', path: join(dir, zip) };
  }
  return {
    kind: 'missing',
    message:
      `No Electron ${electronVersion} runtime for ${platform}-${arch} is on this machine: run \`node node_modules/electron/install.js\` ` +
      `where the network allows it, or set ELECTRON_DIST to a folder holding an unpacked Electron (electron-builder's electronDist).`,
  };
}
