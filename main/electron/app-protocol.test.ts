// The app:// protocol handler with Electron's `protocol` replaced by a fake that captures it: it
// serves the renderer folder with the CSP, falls back to index.html for routes, and never leaves
// the folder.
import { afterAll, describe, expect, test, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fake = vi.hoisted(() => ({ handler: null as null | ((request: Request) => Promise<Response>) }));
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: () => {},
    handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
      fake.handler = handler;
    },
  },
}));

const { handleAppProtocol, isAppUrl } = await import('./app-protocol');

const dir = mkdtempSync(join(tmpdir(), 'baton-app-protocol-'));
const site = join(dir, 'renderer');
mkdirSync(join(site, 'assets'), { recursive: true });
writeFileSync(join(site, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(site, 'assets', 'app.js'), 'export {}');
writeFileSync(join(dir, 'secret.txt'), 'outside');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  test('serves the renderer with the CSP and refuses everything else', async () => {
    handleAppProtocol(site);
    const get = (url: string) => fake.handler!(new Request(url));
    const index = await get('app://baton/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await index.text()).toContain('root');
    expect((await get('app://baton/assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await get('app://baton/inbox/h1')).text()).toContain('root');
    expect((await get('app://baton/missing.js')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    const escape = await get('app://baton/..%2fsecret.txt');
    expect(escape.status).toBeGreaterThanOrEqual(400);
    expect(await escape.text()).not.toContain('outside');
  });

  test('only app://baton counts as the app', () => {
    expect(isAppUrl('app://baton/index.html')).toBe(true);
    expect(isAppUrl('app://baton.evil/')).toBe(false);
    expect(isAppUrl('https://baton/')).toBe(false);
  });
});
