// The browser host over real sockets: static files with the security headers, no way out of the
// renderer folder, the Origin check, error envelopes for bad frames, and a full API round trip
// against real services (demo mode: embedded hub + simulator).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { InboxItem, Session } from '../../shared/api';
import { API_WS_PATH, BridgeServerFrame } from '../../shared/api-wire';
import { silentLogger } from '../services/logger';
import { resolveStaticPath } from './static-files';
import { startWebHost, type WebHost } from './web-host';

let dir: string;
let host: WebHost;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-web-host-'));
  const site = join(dir, 'site');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Baton</title><div id="root"></div>');
  writeFileSync(join(site, 'assets', 'app-123.js'), 'console.log("hi")');
  writeFileSync(join(site, '.secret'), 'nope');
  writeFileSync(join(dir, 'outside.txt'), 'outside the site');
  host = await startWebHost({
    port: 0,
    staticDir: site,
    config: { mode: 'demo', dataDir: join(dir, 'data'), demo: { burst: 1, cap: 1, offerTimeoutMs: 600_000, followUpMessages: false } },
    log: silentLogger,
  });
  origin = host.url.replace(/\/$/, '');
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET, so paths reach the server exactly as written (fetch would normalise "..") */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface ApiClient {
  socket: WebSocket;
  frames: BridgeServerFrame[];
  call(frame: unknown): Promise<BridgeServerFrame & { type: 'response' }>;
  waitFor(match: (f: BridgeServerFrame) => boolean, timeoutMs?: number): Promise<BridgeServerFrame>;
  close(): void;
}

async function openApi(): Promise<ApiClient> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}${API_WS_PATH}`, { origin });
  const frames: BridgeServerFrame[] = [];
  const waiters: Array<{ match: (f: BridgeServerFrame) => boolean; resolve: (f: BridgeServerFrame) => void }> = [];
  socket.on('message', (data) => {
    const frame = BridgeServerFrame.parse(JSON.parse(data.toString()));
    frames.push(frame);
    for (const w of [...waiters]) {
      if (w.match(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const waitFor = (match: (f: BridgeServerFrame) => boolean, timeoutMs = 5_000) => {
    const seen = frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<BridgeServerFrame>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('expected frame did not arrive')), timeoutMs);
      waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  };
  return {
    socket,
    frames,
    waitFor,
    call(frame) {
      const id = (frame as { id?: unknown }).id;
      const expectId = typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : 0;
      const pending = waitFor((f) => f.type === 'response' && f.id === expectId && !frames.slice(0, frames.indexOf(f)).includes(f));
      socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
      return pending as Promise<BridgeServerFrame & { type: 'response' }>;
    },
    close: () => socket.close(),
  };
}

describe('static files', () => {
  test('serves index.html with the strict security headers', async () => {
    const res = await rawGet('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="root">');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test('assets get their MIME type; routes without an extension get index.html; unknown files 404', async () => {
    const js = await rawGet('/assets/app-123.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet('/inbox/some-route')).body).toContain('<div id="root">');
    expect((await rawGet('/missing.js')).status).toBe(404);
    expect((await rawGet('/.secret')).status).toBe(404);
  });

  test('refuses to leave the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/..%5coutside.txt', '/%00index.html']) {
      const res = await rawGet(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toContain('outside the site');
    }
    expect(resolveStaticPath('/srv/site', '/a/../../etc/passwd')).toEqual({ kind: 'forbidden' });
    expect(resolveStaticPath('/srv/site', '/assets/x.js')).toEqual({ kind: 'file', path: '/srv/site/assets/x.js' });
  });

  test('refuses other methods and foreign Host headers', async () => {
    const post = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: host.port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(post).toBe(405);
    expect((await rawGet('/', { host: 'evil.example:80' })).status).toBe(421);
  });
});

describe('API socket', () => {
  test('refuses a page from another origin', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}${API_WS_PATH}`, { origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => resolve(-1));
    });
    expect(status).toBe(403);
  });

  test('bad frames get error envelopes and the socket stays usable', async () => {
    const api = await openApi();
    try {
      const notJson = await api.call('{oops');
      expect(notJson).toMatchObject({ id: 0, result: { ok: false, error: { code: 'bad_request' } } });
      const noMethod = await api.call({ type: 'request', id: 5, args: {} });
      expect(noMethod.result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(!noMethod.result.ok && noMethod.result.error.message).toMatch(/method/);
      const unknown = await api.call({ type: 'request', id: 6, method: 'files:delete', args: {} });
      expect(!unknown.result.ok && unknown.result.error.message).toMatch(/unknown method/);
      const badArgs = await api.call({ type: 'request', id: 7, method: 'handoffs:accept', args: { handoffId: 42 } });
      expect(!badArgs.result.ok && badArgs.result.error.message).toMatch(/handoffId/);
      const missing = await api.call({ type: 'request', id: 8, method: 'handoffs:get', args: { handoffId: 'nope' } });
      expect(!missing.result.ok && missing.result.error.code).toBe('not_found');
      const fine = await api.call({ type: 'request', id: 9, method: 'session:get', args: {} });
      expect(fine.result.ok).toBe(true);
    } finally {
      api.close();
    }
  });

  test('a full round trip: session, an offer pushed from the demo hub, accept', async () => {
    const api = await openApi();
    try {
      const session = await api.call({ type: 'request', id: 1, method: 'session:get', args: {} });
      expect(session.result.ok).toBe(true);
      const parsedSession = Session.parse(session.result.ok && session.result.value);
      expect(parsedSession.mode).toBe('demo');

      // The simulator's first handoff either arrived already or is pushed as an event now.
      let offer = await api.call({ type: 'request', id: 2, method: 'inbox:list', args: {} });
      let items = InboxItem.array().parse(offer.result.ok && offer.result.value);
      if (items.length === 0) {
        await api.waitFor((f) => f.type === 'event' && f.name === 'offer:received', 20_000);
        offer = await api.call({ type: 'request', id: 3, method: 'inbox:list', args: {} });
        items = InboxItem.array().parse(offer.result.ok && offer.result.value);
      }
      expect(items.length).toBe(1);
      const handoffId = items[0]!.handoff.id;

      const accepted = await api.call({ type: 'request', id: 4, method: 'handoffs:accept', args: { handoffId } });
      expect(accepted.result.ok).toBe(true);
      const item = InboxItem.parse(accepted.result.ok && accepted.result.value);
      expect(item.handoff.status).toBe('accepted');
      expect(item.offerExpiresAt).toBeNull();
      expect(item.handoff.assignedAgentId).toBe('demo-alex');

      const after = await api.call({ type: 'request', id: 5, method: 'session:get', args: {} });
      expect(Session.parse(after.result.ok && after.result.value).agent?.name).toBe('Alex Rivera');
    } finally {
      api.close();
    }
  });
});
