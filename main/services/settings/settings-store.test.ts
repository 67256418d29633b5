// The settings file with real temp files: round trip, a corrupt or invalid file set aside with the
// defaults in use, bad patches refused by field name, concurrent updates all kept, unknown fields
// from a newer Baton tolerated, the token sealed and never written in clear when a sealer exists.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { SETTINGS_FILE, SettingsStore, type TokenSealer } from './settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, SETTINGS_FILE);
const onDisk = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;

describe('SettingsStore', () => {
  test('no file yet: the defaults, and nothing written until something changes', async () => {
    const store = await SettingsStore.open(dir);
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(store.notice()).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('an update is saved atomically and read back by the next start', async () => {
    const store = await SettingsStore.open(dir);
    const changes: unknown[] = [];
    store.onChange((change) => changes.push(change));
    await store.update({ theme: 'dark', alerts: { doNotDisturb: { enabled: true, from: '22:30' } }, sound: { volume: 35 } });
    expect(changes).toEqual([{ settings: store.current(), hubChanged: false }]);
    // No temp file left behind; the file is owner-only (it may hold the hub token).
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
    if (process.platform !== 'win32') expect(statSync(file()).mode & 0o077).toBe(0);

    const again = await SettingsStore.open(dir);
    expect(again.current().theme).toBe('dark');
    expect(again.current().alerts.doNotDisturb).toEqual({ enabled: true, from: '22:30', to: '08:00', p1BreaksThrough: true });
    expect(again.current().sound).toEqual({ choice: 'chime', volume: 35 });
    // Fields the patch left out keep their values.
    expect(again.current().alerts.reAlertIntervalMs).toBe(10_000);
  });

  test('a corrupt file is kept aside, the defaults are used and the screen is told', async () => {
    writeFileSync(file(), '{"theme": "dark", "alerts": {');
    const store = await SettingsStore.open(dir, { now: () => new Date('2026-11-26T21:00:00.000Z') });
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(store.notice()).toMatch(/could not be read \(not JSON/);
    expect(store.notice()).toContain('settings.json.corrupt-2026-11-26T21-00-00-000Z');
    expect(readFileSync(join(dir, 'settings.json.corrupt-2026-11-26T21-00-00-000Z'), 'utf8')).toBe('{"theme": "dark", "alerts": {');
    // The next save writes a good file and the notice has done its job.
    await store.update({ theme: 'light' });
    expect(store.notice()).toBeNull();
    expect((await SettingsStore.open(dir)).current().theme).toBe('light');
  });

  test('a file with an invalid value is kept aside too, and the notice names the field', async () => {
    writeFileSync(file(), JSON.stringify({ version: 1, alerts: { reAlertIntervalMs: 5 } }));
    const store = await SettingsStore.open(dir);
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(store.notice()).toMatch(/alerts\.reAlertIntervalMs/);
    expect(readdirSync(dir).some((name) => name.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  test('fields from a newer Baton are tolerated and written back untouched at the top level', async () => {
    writeFileSync(file(), JSON.stringify({ version: 3, theme: 'dark', layout: { compact: true }, alerts: { sound: false, haptics: 'strong' } }));
    const store = await SettingsStore.open(dir);
    expect(store.notice()).toBeNull();
    expect(store.current().theme).toBe('dark');
    expect(store.current().alerts.sound).toBe(false);
    await store.update({ sound: { choice: 'bell' } });
    expect(onDisk()).toMatchObject({ layout: { compact: true }, theme: 'dark', sound: { choice: 'bell' } });
  });

  test('a bad patch is refused with the field named, and nothing changes', async () => {
    const store = await SettingsStore.open(dir);
    await expect(store.update({ alerts: { reAlertIntervalMs: 500 } })).rejects.toThrow(/alerts\.reAlertIntervalMs/);
    await expect(store.update({ alerts: { doNotDisturb: { from: '25:00' } } })).rejects.toThrow(/alerts\.doNotDisturb\.from: expected HH:MM/);
    await expect(store.update({ theme: 'neon' })).rejects.toThrow(/theme/);
    await expect(store.update({ sound: { volumes: 3 } })).rejects.toThrow(/sound: Unrecognized key: "volumes"/i);
    await expect(store.update({ hub: { url: 'ftp://hub' } })).rejects.toThrow(/hub\.url: expected the hub address/);
    expect(store.current()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('concurrent updates are applied in order and none is lost', async () => {
    const store = await SettingsStore.open(dir);
    const volumes = Array.from({ length: 20 }, (_, i) => i * 5);
    await Promise.all([
      ...volumes.map((volume) => store.update({ sound: { volume } })),
      store.update({ theme: 'dark' }),
      store.update({ alerts: { osNotifications: false } }),
      store.update({ alerts: { doNotDisturb: { enabled: true } } }),
    ]);
    const read = (await SettingsStore.open(dir)).current();
    expect(read.sound.volume).toBe(95);
    expect(read.theme).toBe('dark');
    expect(read.alerts.osNotifications).toBe(false);
    expect(read.alerts.doNotDisturb.enabled).toBe(true);
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
  });

  test('the hub token: write-only, sealed at rest when a sealer exists, a change reported as hubChanged', async () => {
    const sealer: TokenSealer = {
      seal: (plain) => Buffer.from(plain).reverse().toString('base64'),
      unseal: (sealed) => Buffer.from(sealed, 'base64').reverse().toString(),
    };
    const store = await SettingsStore.open(dir, { sealer });
    const changes: boolean[] = [];
    store.onChange((change) => changes.push(change.hubChanged));
    await store.update({ hub: { url: 'https://hub.example.com', token: 'baton_secret-token-1' } });
    await store.update({ theme: 'dark' });
    expect(changes).toEqual([true, false]);
    expect(readFileSync(file(), 'utf8')).not.toContain('baton_secret-token-1');
    expect(store.current().hub).toEqual({ url: 'https://hub.example.com' });

    const again = await SettingsStore.open(dir, { sealer });
    expect(again.hubToken()).toBe('baton_secret-token-1');
    // Without the keychain the token cannot be read: the rest of the settings stay, the agent is told.
    const withoutKeychain = await SettingsStore.open(dir);
    expect(withoutKeychain.hubToken()).toBeNull();
    expect(withoutKeychain.current().theme).toBe('dark');
    expect(withoutKeychain.notice()).toMatch(/token could not be unsealed/);
    await expect(store.update({ hub: { token: '-x' } })).rejects.toThrow(/hub\.token/);
  });
});
