import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_HEADERS } from '../../shared/ingest';
import { verifySignature } from '../signature';
import { parseSimArgs } from './cli-args';

describe('sim command-line arguments', () => {
  it('reads every flag and takes the secret from the environment', () => {
    expect(parseSimArgs(['--hub', 'http://127.0.0.1:9', '--count', '5', '--rate', '0.5', '--seed', '42', '--no-follow-ups'], { BATON_HUB_SECRET: 's3' })).toEqual({
      ok: true,
      args: { hubUrl: 'http://127.0.0.1:9', secret: 's3', count: 5, rate: 0.5, seed: 42, followUpMessages: false, quiet: false },
    });
    expect(parseSimArgs(['--hub', 'https://hub.example', '--secret', 'flag-wins'], { BATON_HUB_SECRET: 'env' })).toMatchObject({
      ok: true,
      args: { secret: 'flag-wins', count: 20, rate: 2, seed: 1, followUpMessages: true },
    });
    expect(parseSimArgs(['--help'], {})).toEqual({ ok: true, help: true });
  });

  it('names each bad flag', () => {
    const result = parseSimArgs(['--hub', 'localhost:8080', '--count', 'ten', '--rate', '0', '--seed=-1'], {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      '--hub: use an http:// or https:// URL (got "localhost:8080")',
      '--secret: required (or set BATON_HUB_SECRET)',
      '--count: a whole number from 0 to 1000000 (got "ten")',
      '--rate: a number above 0, at most 10000 (got "0")',
      '--seed: a whole number from 0 to 4294967295 (got "-1")',
    ]);
    expect(parseSimArgs([], {})).toEqual({ ok: false, errors: ['--hub: required, e.g. --hub http://127.0.0.1:8080', '--secret: required (or set BATON_HUB_SECRET)'] });
    expect(parseSimArgs(['--hub', 'http://x', '--secret', 's', '--speed', '3'], {})).toMatchObject({ ok: false, errors: [expect.stringMatching(/speed/)] });
  });
});

describe('npm run sim', () => {
  it('posts signed handoffs to a hub and prints a summary', async () => {
    let valid = 0;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const headers = { timestamp: request.headers[SIGNATURE_HEADERS.timestamp], signature: request.headers[SIGNATURE_HEADERS.signature] };
        if (verifySignature('cli-secret', headers, Buffer.concat(chunks)).ok) valid++;
        response.writeHead(202, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ handoffId: `h-${valid}`, status: 'offered', duplicate: false, eligibleAgentsOnline: 1, expectedWaitSeconds: 5, customerMessage: 'x' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const root = fileURLToPath(new URL('../..', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', 'hub/simulator/cli.ts', '--hub', url, '--count', '3', '--rate', '50', '--seed', '9', '--no-follow-ups'], {
        cwd: root,
        env: { ...process.env, BATON_HUB_SECRET: 'cli-secret' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, output).toBe(0);
      expect(output).toMatch(/handoff 3\/3 accepted: sim-9-evt-2 -> h-3 \(offered\)/);
      expect(output).toMatch(/3 posted, 3 accepted, 0 duplicates, 0 failed/);
      expect(valid).toBe(3);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
