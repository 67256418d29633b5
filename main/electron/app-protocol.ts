// The renderer is served from app://baton/ rather than file://: a real origin for the CSP and the
// IPC sender check, and no access to the rest of the disk. The scheme must be registered as
// privileged before the app is ready.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { mimeTypeOf, resolveStaticPath } from '../services/renderer-files';
import { SECURITY_HEADERS } from '../services/security-headers';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://baton`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: true } },
  ]);
}

/**
 * True for URLs of our own pages. Compared by scheme and host: the main process parses with Node's
 * URL, which reports the origin of a custom scheme as "null".
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'baton' && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** Serves files of the built renderer folder; anything else is 403/404. Call after app ready. */
export function handleAppProtocol(rendererDir: string): void {
  const root = resolve(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'baton') return new Response('Not found', { status: 404 });
    const resolved = resolveStaticPath(root, url.pathname === '/' ? '/index.html' : url.pathname);
    if (resolved.kind !== 'file') return new Response('Not found', { status: resolved.kind === 'forbidden' ? 403 : 404 });
    try {
      const body = await readFile(resolved.path);
      return new Response(body, { headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(resolved.path) } });
    } catch {
      // The renderer routes in the page: unknown paths without a file get the app itself.
      if (!/\.[a-z0-9]+$/i.test(url.pathname)) {
        const index = await readFile(join(root, 'index.html'));
        return new Response(index, { headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8' } });
      }
      return new Response('Not found', { status: 404 });
    }
  });
}
