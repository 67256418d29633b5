// Where a request for the built renderer leads: a file inside its folder or nothing. Both hosts
// use it (the browser host over HTTP, Electron's app:// protocol), so neither can be talked into
// serving a file outside out/renderer. Pure: no disk access.
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.onnx': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticResolution = { kind: 'file'; path: string } | { kind: 'forbidden' } | { kind: 'not_found' };

/** Maps a URL path to a file under root, or refuses. */
export function resolveStaticPath(root: string, urlPath: string): StaticResolution {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'forbidden' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return { kind: 'forbidden' };
  const relative = normalize(decoded).replace(/^[/\\]+/, '');
  const base = resolve(root);
  const full = resolve(join(base, relative || 'index.html'));
  if (full !== base && !full.startsWith(base + sep)) return { kind: 'forbidden' };
  // Hidden files (.env, .git…) are never part of a renderer build.
  if (relative.split('/').some((s) => s.startsWith('.'))) return { kind: 'not_found' };
  return { kind: 'file', path: full };
}

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
