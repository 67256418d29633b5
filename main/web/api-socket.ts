// The renderer API over a WebSocket (shared/api-wire.ts): each request frame is validated and
// dispatched like an IPC call, each pushed event is forwarded. Only pages this host served may
// connect (Origin check), and a bad frame gets an error envelope, never a dropped connection.
// A frame whose request id cannot be read is answered with id 0, which no client request uses.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '../../shared/api';
import { dispatchApiCall } from '../../shared/api-dispatch';
import { BridgeRequest, type BridgeServerFrame } from '../../shared/api-wire';
import { DisposableStore, toDisposable, type Disposable } from '../../shared/lifecycle';
import { describeZodError, err, type Result } from '../../shared/result';
import type { ApiBackend } from '../services/api-backend';
import type { Logger } from '../services/logger';

export const MAX_API_FRAME_BYTES = 1024 * 1024;
/** A browser that stops reading (frozen tab) is cut off rather than buffered without limit. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

export interface ApiSocketOptions {
  backend: ApiBackend;
  /** Exact origins allowed to connect, e.g. http://127.0.0.1:5320. */
  allowedOrigins: () => ReadonlySet<string>;
  log: Logger;
}

export interface ApiSocketServer extends Disposable {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
}

export function createApiSocketServer(options: ApiSocketOptions): ApiSocketServer {
  const { backend, log } = options;
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_API_FRAME_BYTES });
  const owned = new DisposableStore();
  const alive = new WeakMap<WebSocket, boolean>();

  const heartbeat = setInterval(() => {
    for (const client of server.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  owned.add(toDisposable(() => clearInterval(heartbeat)));

  server.on('connection', (socket: WebSocket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    const send = (frame: BridgeServerFrame) => {
      if (socket.readyState !== socket.OPEN) return;
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        log.warn('web host: a browser stopped reading its API socket; disconnecting it');
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify(frame));
    };
    const subscription = backend.addEventSink(<E extends EventName>(name: E, payload: EventPayload<E>) => {
      send({ type: 'event', name, payload });
    });
    socket.on('close', () => void subscription.dispose());
    socket.on('error', (error) => log.warn(`web host: API socket error: ${error.message}`));
    socket.on('message', (data: RawData, isBinary: boolean) => {
      void answer(data, isBinary).then(
        (frame) => send(frame),
        (error: unknown) => log.error('web host: failed to answer an API frame', error),
      );
    });
  });

  async function answer(data: RawData, isBinary: boolean): Promise<BridgeServerFrame> {
    if (isBinary) return response(0, err('bad_request', 'API frames must be text (JSON), not binary'));
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return response(0, err('bad_request', 'API frame is not valid JSON'));
    }
    const parsed = BridgeRequest.safeParse(json);
    if (!parsed.success) {
      return response(readableId(json), err('bad_request', `API frame is malformed: ${describeZodError(parsed.error)}`));
    }
    const { id, method, args } = parsed.data;
    return response(id, await dispatchApiCall(backend.handlers, method, args, log));
  }

  return {
    handleUpgrade(request, socket, head) {
      const origin = request.headers.origin;
      if (typeof origin !== 'string' || !options.allowedOrigins().has(origin)) {
        log.warn(`web host: refused an API socket from origin ${JSON.stringify(origin ?? null)}`);
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nOrigin not allowed\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (client) => server.emit('connection', client, request));
    },
    get clientCount() {
      return server.clients.size;
    },
    async dispose() {
      for (const client of server.clients) client.close(1001, 'Baton host shutting down');
      await owned.dispose();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          for (const client of server.clients) client.terminate();
        }, 1_000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
}

function response(id: number, result: Result<unknown>): BridgeServerFrame {
  return { type: 'response', id, result: result.ok ? { ok: true, value: result.value } : { ok: false, error: result.error } };
}

function readableId(json: unknown): number {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : 0;
}
