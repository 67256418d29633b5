import { describe, expect, test } from 'vitest';
import { parseAppConfig } from './app-config';

describe('app config', () => {
  test('demo mode needs only a data folder and fills in the demo traffic plan', () => {
    const config = parseAppConfig({ mode: 'demo', dataDir: '/tmp/x' });
    expect(config.role).toBe('agent');
    expect(config.demo).toMatchObject({ burst: 3, trickleMinMs: 20_000, trickleMaxMs: 40_000, cap: 30 });
  });

  test('hub mode names each missing field', () => {
    expect(() => parseAppConfig({ mode: 'hub', dataDir: '/tmp/x' })).toThrow(/hubUrl: hub mode needs the hub URL.*token: hub mode needs/);
    expect(() => parseAppConfig({ mode: 'hub', dataDir: '/tmp/x', hubUrl: 'not a url', token: 't' })).toThrow(/hubUrl/);
  });

  test('bad values are refused with the field path', () => {
    expect(() => parseAppConfig({ mode: 'demo', dataDir: '' })).toThrow(/dataDir/);
    expect(() => parseAppConfig({ mode: 'demo', dataDir: '/x', demo: { trickleMinMs: 5_000, trickleMaxMs: 1_000 } })).toThrow(/demo\.trickleMaxMs/);
    expect(() => parseAppConfig({ mode: 'kiosk', dataDir: '/x' })).toThrow(/mode/);
  });
});
