import { describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import { parseWebCliArgs } from './cli-options';

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
});
