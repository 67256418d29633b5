// electron-builder.yml must pass electron-builder's own schema (app-builder-lib's scheme.json and
// its validator, the same call `electron-builder` makes before packaging), and hold the choices
// docs/packaging.md promises (per-user NSIS, baton://, native modules unpacked, ...).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const root = join(__dirname, '..');
type Config = Parameters<typeof validateConfiguration>[0];

async function loadAsElectronBuilderDoes(): Promise<Config> {
  return getConfig(root, join(root, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await loadAsElectronBuilderDoes();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator used here does reject a wrong configuration', async () => {
    const config = { ...(await loadAsElectronBuilderDoes()), nsis: { perUser: true } } as unknown as Config;
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis/);
  });

  it('makes the choices the packaging docs describe', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
    expect(config.appId).toBe('app.baton.desktop');
    expect(config.productName).toBe('Baton');
    expect(config.directories).toEqual({ output: 'dist', buildResources: 'build' });
    // Only the build output and package.json are included; everything else is an exclusion.
    expect(config.files.filter((p: string) => !p.startsWith('!'))).toEqual(['out/**', 'package.json', 'main/services/intelligence/model-worker.mjs']);
    expect(config.files).toContain('!out/**/*.map');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/onnxruntime-node/**']));
    expect(config.extraResources).toEqual([expect.objectContaining({ from: 'models', to: 'models' })]);
    expect(config.npmRebuild).toBe(true);
    expect(config.protocols[0].schemes).toEqual(['baton']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true, deleteAppDataOnUninstall: false });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist', notarize: false });
    expect(config.mac.target.map((t: { target: string }) => t.target)).toEqual(['dmg', 'zip']);
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.linux.mimeTypes).toContain('x-scheme-handler/baton');
    expect(config.afterSign).toBe('build/notarize.cjs');
    expect(config.publish[0]).toMatchObject({ provider: 'github' });
  });

  it('never rebuilds native modules at install time (only when packaging)', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.scripts)).not.toContain('postinstall');
    expect(pkg.scripts.dist).toBe('node scripts/dist.mjs');
  });
});
