// The browser host's transport: builds `window.baton` over a WebSocket to the host, with the same
// contract Electron's preload exposes over IPC. Requests carry ids and wait in a pending map; when
// the socket drops, it reconnects with exponential backoff and jitter. Requests made while the link
// is down wait for it to come back (up to a limit) and then fail with 'unavailable'. A request that
// was in flight when the socket dropped is failed rather than resent: the host may already have
// acted on it (an accept, a reply) and the user should see that it needs checking.
import { createApiClient, type ApiTransport } from '../../shared/api-client';
import { API_WS_PATH, BridgeServerFrame, type BridgeRequest } from '../../shared/api-wire';
import type { BatonApi, ConnectionState, MethodName } from '../../shared/api';
import { systemClock, type Clock, type TimerHandle } from '../../shared/clock';
import { toDisposable, type Disposable } from '../../shared/lifecycle';
import { err, type Result } from '../../shared/result';

/** The slice of the WebSocket API the bridge uses, so tests can pass any implementation. */
export interface BridgeSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}
export type BridgeSocketFactory = (url: string) => BridgeSocket;

export interface WebBridgeOptions {
  url: string;
  createSocket?: BridgeSocketFactory;
  clock?: Clock;
  /** First reconnect delay; doubles per failed attempt up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a request made while disconnected waits for the link before failing. */
  offlineWaitMs?: number;
  /** How long an in-flight request waits for its answer. */
  requestTimeoutMs?: number;
  random?: () => number;
}

export interface WebBridge extends Disposable {
  readonly api: BatonApi;
  /** True while the socket to the host is open. */
  isOpen(): boolean;
}

const OPEN = 1;
const CONNECTION_EVENT = 'connection:changed';

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: TimerHandle;
}

interface Waiting {
  send(): void;
  fail(): void;
  timer: TimerHandle;
}

/** The URL of the host's API socket, derived from where the page was served. */
export function webBridgeUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${API_WS_PATH}`;
}

export function createWebBridge(options: WebBridgeOptions): WebBridge {
  const clock = options.clock ?? systemClock;
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as BridgeSocket);
  const initialBackoffMs = options.initialBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const offlineWaitMs = options.offlineWaitMs ?? 10_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const random = options.random ?? Math.random;

  const listeners = new Set<(event: string, payload: unknown) => void>();
  const pending = new Map<number, Pending>();
  const waiting = new Set<Waiting>();
  let nextId = 1;
  let socket: BridgeSocket | null = null;
  let open = false;
  let disposed = false;
  let attempt = 0;
  let reconnectTimer: TimerHandle | null = null;

  function emit(event: string, payload: unknown): void {
    for (const listener of [...listeners]) listener(event, payload);
  }

  // The bridge's own link is part of "am I connected?" for the person at the screen, so its
  // state is reported through the same event the hub link uses.
  function emitBridgeState(status: ConnectionState['status'], error?: string, retryAt?: number): void {
    const state: ConnectionState = {
      status,
      since: new Date(clock.now()).toISOString(),
      fatal: false,
      ...(error ? { error } : {}),
      ...(retryAt !== undefined ? { retryAt: new Date(retryAt).toISOString() } : {}),
    };
    emit(CONNECTION_EVENT, state);
  }

  function connect(): void {
    if (disposed) return;
    reconnectTimer = null;
    let current: BridgeSocket;
    try {
      current = createSocket(options.url);
    } catch (error) {
      scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current || disposed) return;
      open = true;
      attempt = 0;
      for (const item of [...waiting]) item.send();
      // The hub link's real state lives behind the host: ask for it so the UI leaves "offline".
      void sendRequest('session:get', {}).then((result) => {
        if (result.ok && typeof result.value === 'object' && result.value !== null && 'connection' in result.value) {
          emit(CONNECTION_EVENT, (result.value as { connection: unknown }).connection);
        }
      });
    };
    current.onmessage = (event) => {
      if (socket !== current) return;
      handleFrame(event.data);
    };
    current.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      const wasOpen = open;
      open = false;
      failInFlight(wasOpen ? 'the connection to the Baton host was lost before it answered' : 'could not reach the Baton host');
      if (!disposed) scheduleReconnect('Lost contact with the Baton host');
    };
  }

  function scheduleReconnect(reason: string): void {
    if (disposed || reconnectTimer) return;
    const base = Math.min(maxBackoffMs, initialBackoffMs * 2 ** attempt);
    // ±20 % jitter so many tabs do not reconnect in lockstep after a host restart.
    const delay = Math.round(base * (0.8 + 0.4 * random()));
    attempt += 1;
    emitBridgeState('backoff', reason, clock.now() + delay);
    reconnectTimer = clock.setTimeout(connect, delay);
  }

  function failInFlight(message: string): void {
    for (const [id, entry] of pending) {
      clock.clearTimeout(entry.timer);
      pending.delete(id);
      entry.resolve(err('unavailable', message));
    }
  }

  function handleFrame(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      console.warn('baton: ignored a frame from the host that is not JSON');
      return;
    }
    const parsed = BridgeServerFrame.safeParse(json);
    if (!parsed.success) {
      console.warn('baton: ignored a malformed frame from the host');
      return;
    }
    const frame = parsed.data;
    if (frame.type === 'event') {
      emit(frame.name, frame.payload);
      return;
    }
    const entry = pending.get(frame.id);
    if (!entry) return;
    pending.delete(frame.id);
    clock.clearTimeout(entry.timer);
    entry.resolve(frame.result as Result<unknown>);
  }

  function sendRequest(method: MethodName, args: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      const id = nextId++;
      const frame: BridgeRequest = { type: 'request', id, method, args };
      const timer = clock.setTimeout(() => {
        pending.delete(id);
        resolve(err('unavailable', `the Baton host did not answer ${method} in time`));
      }, requestTimeoutMs);
      pending.set(id, { resolve, timer });
      try {
        socket!.send(JSON.stringify(frame));
      } catch (error) {
        clock.clearTimeout(timer);
        pending.delete(id);
        resolve(err('unavailable', `could not send ${method}: ${error instanceof Error ? error.message : String(error)}`));
      }
    });
  }

  const transport: ApiTransport = {
    request(method, args) {
      if (disposed) return Promise.resolve(err('unavailable', 'the Baton connection is closed'));
      if (open && socket && socket.readyState === OPEN) return sendRequest(method, args);
      return new Promise((resolve) => {
        const item: Waiting = {
          send: () => {
            waiting.delete(item);
            clock.clearTimeout(item.timer);
            void sendRequest(method, args).then(resolve);
          },
          fail: () => {
            waiting.delete(item);
            clock.clearTimeout(item.timer);
            resolve(err('unavailable', `not connected to the Baton host; ${method} was not sent`));
          },
          timer: clock.setTimeout(() => item.fail(), offlineWaitMs),
        };
        waiting.add(item);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };

  connect();

  const dispose = toDisposable(() => {
    disposed = true;
    if (reconnectTimer) clock.clearTimeout(reconnectTimer);
    reconnectTimer = null;
    for (const item of [...waiting]) item.fail();
    failInFlight('the Baton connection is closed');
    const current = socket;
    socket = null;
    open = false;
    current?.close(1000, 'page closing');
    listeners.clear();
  });

  return {
    api: createApiClient(transport),
    isOpen: () => open,
    dispose: () => dispose.dispose(),
  };
}

/**
 * In the browser host there is no preload: create `window.baton` over the host's socket.
 * Returns the bridge when it made one, null when Electron's preload already provided the API.
 */
export function installWebBridge(target: Window = window, options: Partial<WebBridgeOptions> = {}): WebBridge | null {
  if (typeof target.baton !== 'undefined') return null;
  const bridge = createWebBridge({ url: webBridgeUrl(target.location), ...options });
  target.baton = bridge.api;
  return bridge;
}
