// Tests and e2e only: a local HTTP server on 127.0.0.1 that serves model files the way Hugging Face
// does, so the downloader meets the real protocol offline. `/<repo>/resolve/<rev>/<path>` answers a
// large ("LFS") file with a 302 to `/cdn/<repo>/<sha256>` carrying `x-linked-etag: "<sha256>"` and
// `x-linked-size`, and a small file with 200 and the body (no sha256 declared). Faults per file:
// `corrupt` (serves other bytes than it declares), `drop` (cuts the connection half-way), `hold`
// (stops half-way until release() is called), `undeclared` (an LFS file without x-linked-etag).
import { createHash } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FileFault = 'corrupt' | 'drop' | 'hold' | 'undeclared';

interface Served {
  body: Buffer;
  sha256: string;
  lfs: boolean;
  /** Sent without content-length (as Hugging Face does for compressed small files). */
  chunked: boolean;
  fault?: FileFault;
}

export const sha256Of = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

/** The commit every repo on this server is "at" (sent as x-repo-commit; also accepted as a revision). */
export const SERVED_COMMIT = 'c0ffee'.padEnd(40, '0');
const RESOLVE = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/;

export class ModelFileServer {
  private readonly files = new Map<string, Served>();
  private readonly blobs = new Map<string, Served>();
  private readonly held: Array<() => void> = [];
  private readonly heldWaiters: Array<() => void> = [];
  private server: Server | null = null;
  private base = '';
  /** Every request path, in order (for asserting what was fetched). */
  readonly requests: string[] = [];

  get url(): string {
    return this.base;
  }

  /** Serves `files` under `/<repo>/resolve/main/`; files larger than `lfsAbove` bytes behave like LFS files. */
  addRepo(repo: string, files: Record<string, Buffer>, options: { lfsAbove?: number; faults?: Record<string, FileFault>; chunkedSmallFiles?: boolean } = {}): void {
    for (const [path, body] of Object.entries(files)) {
      const lfs = body.length > (options.lfsAbove ?? 10_000);
      const served: Served = { body, sha256: sha256Of(body), lfs, chunked: !lfs && options.chunkedSmallFiles === true, ...(options.faults?.[path] ? { fault: options.faults[path] } : {}) };
      this.files.set(`${repo}:${path}`, served);
      this.blobs.set(`${repo}/${served.sha256}`, served);
    }
  }

  setFault(repo: string, path: string, fault: FileFault | undefined): void {
    const served = this.files.get(`${repo}:${path}`);
    if (!served) throw new Error(`no ${path} in ${repo}`);
    if (fault) served.fault = fault;
    else delete served.fault;
  }

  /** Resolves once a response is held half-way (fault 'hold'). */
  whenHeld(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.heldWaiters.push(resolve));
  }

  /** Lets every held response finish. */
  release(): void {
    for (const finish of this.held.splice(0)) finish();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      this.requests.push(`${req.method} ${path}`);
      const head = req.method === 'HEAD';
      if (path.startsWith('/cdn/')) {
        const blob = this.blobs.get(path.slice('/cdn/'.length));
        if (!blob) return void res.writeHead(404).end();
        return this.sendBody(res, blob, head);
      }
      const match = RESOLVE.exec(path);
      const served = match && (match[2] === 'main' || match[2] === SERVED_COMMIT) ? this.files.get(`${match[1]}:${match[3]}`) : undefined;
      if (!served) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
      if (served.lfs) {
        const headers: Record<string, string | number> = { location: `/cdn/${match![1]}/${served.sha256}`, 'x-linked-size': served.body.length, 'x-repo-commit': SERVED_COMMIT };
        if (served.fault !== 'undeclared') headers['x-linked-etag'] = `"${served.sha256}"`;
        return void res.writeHead(302, headers).end();
      }
      this.sendBody(res, served, head);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  private sendBody(res: ServerResponse, served: Served, head: boolean): void {
    const body = served.fault === 'corrupt' ? Buffer.from(served.body.map((b) => b ^ 0xff)) : served.body;
    res.writeHead(200, { ...(served.chunked ? {} : { 'content-length': body.length }), 'content-type': 'application/octet-stream', 'x-repo-commit': SERVED_COMMIT });
    if (head) return void res.end();
    const half = Math.floor(body.length / 2);
    res.write(body.subarray(0, half));
    if (served.fault === 'drop') {
      setImmediate(() => res.socket?.destroy());
      return;
    }
    if (served.fault === 'hold') {
      this.held.push(() => res.end(body.subarray(half)));
      for (const waiter of this.heldWaiters.splice(0)) waiter();
      return;
    }
    // A second chunk a moment later, so progress is reported more than once per file.
    setImmediate(() => res.end(body.subarray(half)));
  }

  async close(): Promise<void> {
    this.release();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
