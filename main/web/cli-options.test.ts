import { describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import { parseWebCliArgs, withSavedHub, type WebCliOptions } from './cli-options';

describe('npm run web arguments', () => {
  test('no hub means demo mode, and the output says so', () => {
    const options = parseWebCliArgs(['--port', '0']);
    expect(options).toMatchObject({ kind: 'run', port: 0, config: { mode: 'demo', role: 'agent', dataDir: resolve('.baton-data/web') } });
    expect(options.kind === 'run' && options.notes.join(' ')).toMatch(/demo mode/);
    expect(parseWebCliArgs(['--demo', '--as', 'supervisor'])).toMatchObject({ port: 5320, config: { mode: 'demo', role: 'supervisor' }, notes: [] });
  });

  test('a hub needs a token, from the flag or the environment', () => {
    expect(() => parseWebCliArgs(['--hub', 'http://h:1'])).toThrow(/--token/);
    expect(parseWebCliArgs(['--hub', 'http://h:1', '--token', 't', '--data', '/d'])).toMatchObject({ config: { mode: 'hub', hubUrl: 'http://h:1', token: 't', dataDir: '/d' } });
    expect(parseWebCliArgs(['--hub', 'http://h:1'], { BATON_TOKEN: 'env' })).toMatchObject({ config: { token: 'env' } });
  });

  test('mistakes get a sentence', () => {
    expect(() => parseWebCliArgs(['--port', 'abc'])).toThrow(/--port must be/);
    expect(() => parseWebCliArgs(['--as', 'admin'])).toThrow(/--as must be/);
    expect(() => parseWebCliArgs(['--demo', '--hub', 'http://h:1', '--token', 't'])).toThrow(/exclude each other/);
    expect(() => parseWebCliArgs(['--bogus'])).toThrow();
    expect(parseWebCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  test('a hub saved in Settings is used when the flags name none and did not ask for the demo', () => {
    const run = (argv: string[]) => parseWebCliArgs(argv) as Extract<WebCliOptions, { kind: 'run' }>;
    const saved = { url: 'https://hub.example.com', token: 'baton_t' };
    const linked = withSavedHub(run(['--data', '/d']), saved);
    expect(linked.config).toEqual({ mode: 'hub', hubUrl: 'https://hub.example.com', token: 'baton_t', dataDir: '/d' });
    expect(linked.notes.join(' ')).toMatch(/saved in Settings/);
    expect(linked.notes.join(' ')).not.toMatch(/demo mode/);
    expect(withSavedHub(run(['--demo']), saved).config.mode).toBe('demo');
    expect(withSavedHub(run(['--hub', 'http://h:1', '--token', 't']), saved).config).toMatchObject({ hubUrl: 'http://h:1', token: 't' });
    expect(withSavedHub(run([]), { url: saved.url, token: null }).config.mode).toBe('demo');
  });
});
