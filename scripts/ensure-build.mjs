// Builds the renderer (out/renderer) when it is missing or older than any source file in renderer/
// or shared/, so `npm run web` and `npm start` always serve what is in the tree. Only the renderer
// is built (with Vite, the same settings as electron.vite.config.ts's renderer part): electron-vite
// cannot build one part alone, and the browser host needs nothing else.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'renderer');
const target = join(outDir, 'index.html');
const sourceDirs = ['renderer', 'shared'].map((d) => join(root, d));

/** The newest source file (tests excluded: they are not part of the bundle). */
export function newestSource(dirs) {
  let newest = { path: null, mtimeMs: 0 };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/\.test\.tsx?$/.test(entry.name)) {
        const { mtimeMs } = statSync(path);
        if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
      }
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}

/** Why a build is needed, or null when out/renderer is current. */
export function staleReason() {
  if (!existsSync(target)) return `${relative(root, target)} is missing`;
  const built = statSync(target).mtimeMs;
  const newest = newestSource(sourceDirs);
  if (newest.path && newest.mtimeMs > built) return `${relative(root, newest.path)} changed after the last build`;
  return null;
}

async function buildRenderer() {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const { rendererBootPreload } = await import('./renderer-boot-preload.mjs');
  await build({
    configFile: false,
    root: join(root, 'renderer'),
    plugins: [react(), rendererBootPreload()],
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: { index: join(root, 'renderer', 'index.html') } },
    },
  });
}

async function main() {
  if (process.env.BATON_SKIP_BUILD === '1') {
    console.log('ensure-build: BATON_SKIP_BUILD=1, not checking the renderer build.');
    return;
  }
  const reason = staleReason();
  if (!reason) {
    console.log('ensure-build: the renderer build (out/renderer) is up to date.');
    return;
  }
  if (!existsSync(join(root, 'renderer', 'index.html'))) {
    console.error('ensure-build: renderer/index.html does not exist, so there is no renderer to build.');
    process.exitCode = 1;
    return;
  }
  console.log(`ensure-build: building the renderer because ${reason}…`);
  const started = Date.now();
  try {
    await buildRenderer();
  } catch (error) {
    console.error(`ensure-build: the renderer build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  console.log(`ensure-build: built out/renderer in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
