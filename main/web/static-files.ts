// Serves the built renderer (out/renderer) read-only: a request path can only ever name a file
// inside the root, MIME types come from a fixed table, and paths without a file extension fall back
// to index.html (the renderer routes in the page).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { resolveStaticPath, mimeTypeOf } from '../services/renderer-files';

export { resolveStaticPath, mimeTypeOf };

export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  const resolved = resolveStaticPath(root, pathname);
  if (resolved.kind === 'forbidden') return sendText(response, 403, 'Forbidden', headers);
  if (resolved.kind === 'not_found') return sendText(response, 404, 'Not found', headers);
  let path = resolved.path;
  let info = await stat(path).catch(() => null);
  if ((!info || info.isDirectory()) && extname(pathname) === '') {
    path = join(resolve(root), 'index.html');
    info = await stat(path).catch(() => null);
    if (!info) {
      return sendText(response, 503, 'The Baton renderer is not built yet. Run `npm run build` (or `node scripts/ensure-build.mjs`) and reload.', headers);
    }
  }
  if (!info || !info.isFile()) return sendText(response, 404, 'Not found', headers);
  response.writeHead(200, {
    ...headers,
    'Content-Type': mimeTypeOf(path),
    'Content-Length': String(info.size),
    // Vite names assets by content hash; index.html must always be fetched fresh.
    'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  await new Promise<void>((done) => {
    const stream = createReadStream(path);
    stream.on('error', () => {
      response.destroy();
      done();
    });
    stream.on('end', () => done());
    stream.pipe(response);
  });
}

export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(text);
}
