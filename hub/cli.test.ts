// The admin CLI against a real database file, and its effect on a running hub.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CloseCode } from '../shared/hub-protocol';
import { runAgentsCommand, startHubFromArgs, UsageError, type CliIo } from './cli';
import { silentLog } from './hub-log';
import { createHub } from './index';
import { findAgentByTokenHash } from './store/agent-queries';
import { openHubDatabase } from './store/database';
import { connectTestAgent, HubClosedError } from './testing/test-agent';
import { makeTempDir, type TempDir } from './testing/temp-dir';
import { hashToken } from './token-hash';

let dir: TempDir;
let lines: string[];
let errors: string[];
let io: CliIo;

beforeEach(() => {
  dir = makeTempDir();
  lines = [];
  errors = [];
  io = { out: (line) => lines.push(line), err: (line) => errors.push(line), env: {} };
});

afterEach(() => dir.remove());

describe('agents add | list | revoke', () => {
  test('add prints a random token once and stores only its hash', () => {
    const db = dir.file('hub.sqlite');
    expect(runAgentsCommand(['add', '--db', db, '--id', 'ann', '--name', 'Ann Agent', '--skills', 'billing, de', '--capacity', '4'], io)).toBe(0);
    const token = lines.find((line) => line.startsWith('token: '))!.slice('token: '.length);
    expect(token.length).toBeGreaterThanOrEqual(40);
    const opened = openHubDatabase(db);
    try {
      expect(findAgentByTokenHash(opened, hashToken(token))).toMatchObject({ id: 'ann', skills: ['billing', 'de'], capacity: 4, role: 'agent' });
      expect(JSON.stringify(opened.prepare('SELECT * FROM agents').all())).not.toContain(token);
    } finally {
      opened.close();
    }
    lines.length = 0;
    expect(runAgentsCommand(['list', '--db', db], io)).toBe(0);
    expect(lines).toEqual(['ann\tagent\tAnn Agent\tskills=billing,de\tcapacity=4\tactive']);
  });

  test('bad arguments are usage errors naming the option', () => {
    const db = dir.file('hub.sqlite');
    expect(() => runAgentsCommand(['add', '--db', db, '--id', 'x', '--name', 'X', '--role', 'boss'], io)).toThrow(/--role/);
    expect(() => runAgentsCommand(['add', '--db', db, '--id', 'x', '--name', 'X', '--capacity', '500'], io)).toThrow(/--capacity/);
    expect(() => runAgentsCommand(['add', '--db', db, '--id', 'x', '--name', 'X', '--token', 'short'], io)).toThrow(UsageError);
    expect(() => runAgentsCommand(['add', '--db', db, '--name', 'X'], io)).toThrow(/--id/);
    expect(() => runAgentsCommand(['fly', '--db', db], io)).toThrow(/unknown agents command/);
    expect(runAgentsCommand(['revoke', '--db', db, '--id', 'nobody'], io)).toBe(1);
    expect(errors).toEqual(['no active agent nobody']);
  });

  test('revoking an agent disconnects them from a running hub (4401) and keeps them out', async () => {
    const db = dir.file('hub.sqlite');
    runAgentsCommand(['add', '--db', db, '--id', 'ann', '--name', 'Ann', '--token', 'ann-token-0123456789'], io);
    const hub = await createHub({ port: 0, dbPath: db, secret: 's', log: silentLog, adminPollMs: 20 });
    try {
      const ann = await connectTestAgent(hub.wsUrl, 'ann-token-0123456789');
      expect(runAgentsCommand(['revoke', '--db', db, '--id', 'ann'], io)).toBe(0);
      expect((await ann.closed).code).toBe(CloseCode.Unauthorized);
      const again = await connectTestAgent(hub.wsUrl, 'ann-token-0123456789').catch((error: unknown) => error);
      expect(again).toBeInstanceOf(HubClosedError);
      // Added while the hub runs: routable without a restart.
      runAgentsCommand(['add', '--db', db, '--id', 'bob', '--name', 'Bob', '--token', 'bob-token-0123456789'], io);
      const bob = await connectTestAgent(hub.wsUrl, 'bob-token-0123456789');
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(hub.service.router.agent('bob')).toMatchObject({ connected: true, presence: 'available' });
      await bob.close();
    } finally {
      await hub.close();
    }
  });
});

describe('server start', () => {
  test('needs a secret (flag or BATON_HUB_SECRET), prints the URL it listens on', async () => {
    await expect(startHubFromArgs(['--port', '0', '--db', dir.file('a.sqlite')], io)).rejects.toThrow(/BATON_HUB_SECRET/);
    await expect(startHubFromArgs(['--port', '99999', '--secret', 's'], io)).rejects.toThrow(/--port/);
    await expect(startHubFromArgs(['--port', '0', '--secret', 's', '--tls-cert', 'x'], io)).rejects.toThrow(/go together/);
    await expect(startHubFromArgs(['--port', '0', '--secret', 's', '--webhook', 'ftp://x'], io)).rejects.toThrow(/http/);
    const hub = await startHubFromArgs(['--port', '0', '--db', dir.file('b.sqlite')], { ...io, env: { BATON_HUB_SECRET: 'from-env' } });
    try {
      expect(lines.at(-1)).toMatch(new RegExp(`^Baton hub listening on http://127\\.0\\.0\\.1:${hub.port} `));
    } finally {
      await hub.close();
    }
  });
});
