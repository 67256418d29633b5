// The desktop's connection to the hub, as a state machine (graphql-ws's client, the `ws` README):
//   idle → connecting → open → backoff → connecting … → closed
// It signs in with `hello` (token + last processed seq), acknowledges every event, drops events it
// has already processed (so nothing reaches the UI twice), pings and terminates a silent socket,
// pairs requests with results by requestId (with timeouts), queues outbound requests while not
// open, and stops for good on 4401/4403 with a message a person can act on.
import WebSocket from 'ws';
import type { ConnectionState } from '../../../shared/api';
import { systemClock, type Clock, type TimerHandle } from '../../../shared/clock';
import type { Agent, Feedback, Presence } from '../../../shared/domain';
import {
  HANDSHAKE_TIMEOUT_MS,
  HUB_PROTOCOL,
  MAX_FRAME_BYTES,
  PING_INTERVAL_MS,
  parseHubFrame,
  stringifyClientFrame,
  type ClientFrame,
  type HubEvent,
  type HubFrame,
  type ReceiptStage,
  type TransferTarget,
} from '../../../shared/hub-protocol';
import type { Disposable } from '../../../shared/lifecycle';
import { err, ok, type Result } from '../../../shared/result';
import { silentLogger, type Logger } from '../logger';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { judgeClose } from './close-reason';
import { toHubWebSocketUrl } from './hub-url';

export interface HubLinkOptions {
  /** Hub address: http(s) base URL or ws(s) URL. */
  url: string;
  token: string;
  clock?: Clock;
  /** Source of jitter, [0, 1). */
  random?: () => number;
  client?: { name: string; version: string };
  /** Highest event seq already processed (e.g. persisted by a previous run). */
  lastSeq?: number;
  backoff?: BackoffPolicy;
  pingIntervalMs?: number;
  /** How long to wait for a pong before the socket is considered dead. */
  pongTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** How long to wait for `welcome` after the socket opened. */
  welcomeTimeoutMs?: number;
  /** Outbound requests wait while the socket has more than this many bytes unsent. */
  highWaterBytes?: number;
  log?: Logger;
}

type Seq = { seq: number };
type EventOf<K extends HubEvent['kind']> = Omit<Extract<HubEvent, { kind: K }>, 'kind'> & Seq;

/** One listener name per hub event kind (offer, offer_revoked, handoff_updated, message, …). */
export type HubLinkEvents = { [K in HubEvent['kind']]: EventOf<K> } & {
  state: ConnectionState;
  welcome: { agent: Agent; resumeFrom: number };
  /** After an event was processed: the new high-water mark, for whoever persists it. */
  processed: Seq;
};
export type HubLinkEventName = keyof HubLinkEvents;

type RequestFrame = Extract<ClientFrame, { requestId: string }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type RequestBody = DistributiveOmit<RequestFrame, 'requestId'>;

interface PendingRequest {
  frame: RequestFrame;
  resolve(result: Result<unknown>): void;
  timer: TimerHandle;
  /** The socket generation the frame was written to; null while still queued. */
  sentOn: number | null;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
const DEFAULT_PONG_TIMEOUT_MS = 10_000;
const DEFAULT_HIGH_WATER_BYTES = 1024 * 1024;
const DRAIN_RETRY_MS = 50;

export class HubLink implements Disposable {
  private wsUrl: string;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly listeners = new Map<HubLinkEventName, Set<(payload: never) => void>>();
  private readonly pending = new Map<string, PendingRequest>();
  /** requestIds waiting to be written, in order. */
  private readonly queue: string[] = [];

  private current: ConnectionState;
  private socket: WebSocket | null = null;
  private generation = 0;
  private attempt = 0;
  private seq: number;
  private pendingAck: number | null = null;
  private ackScheduled = false;
  private welcomedAgent: Agent | null = null;
  private stopped = false;
  /** The transport error behind the next close, if the peer gave no reason. */
  private lastSocketError = '';
  private nextRequest = 1;
  private readonly requestPrefix: string;

  private retryTimer: TimerHandle | null = null;
  private welcomeTimer: TimerHandle | null = null;
  private pingTimer: TimerHandle | null = null;
  private pongTimer: TimerHandle | null = null;
  private drainTimer: TimerHandle | null = null;

  constructor(private readonly options: HubLinkOptions) {
    this.wsUrl = toHubWebSocketUrl(options.url);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? silentLogger;
    this.seq = options.lastSeq ?? 0;
    this.requestPrefix = Math.floor(this.random() * 0xffffffff).toString(36);
    this.current = { status: 'idle', since: this.isoNow(), fatal: false };
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The agent the hub welcomed on the latest connection, if any. */
  get agent(): Agent | null {
    return this.welcomedAgent;
  }

  get lastSeq(): number {
    return this.seq;
  }

  on<K extends HubLinkEventName>(name: K, listener: (payload: HubLinkEvents[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const entry = listener as (payload: never) => void;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  start(): void {
    if (this.current.status !== 'idle') return;
    this.connect();
  }

  /** Connects again at once: after a fatal stop (new token entered), a takeover, or during backoff. */
  reconnect(token?: string): void {
    if (token !== undefined) this.options.token = token;
    this.stopped = false;
    this.attempt = 0;
    this.clearTimer('retryTimer');
    if (this.current.status === 'connecting' || this.current.status === 'open') return;
    this.connect();
  }

  /** The hub address this link uses, as it was given (http(s) or ws(s)). */
  get url(): string {
    return this.options.url;
  }

  /**
   * Points the link at another hub address or token (Settings → Hub connection) and connects
   * afresh. Another hub or another token is another event stream, so its sequence starts over.
   * Throws, changing nothing, when the address is not a hub URL.
   */
  retarget(url: string, token: string): void {
    const wsUrl = toHubWebSocketUrl(url);
    if (wsUrl !== this.wsUrl || token !== this.options.token) {
      this.seq = 0;
      this.welcomedAgent = null;
    }
    this.wsUrl = wsUrl;
    this.options.url = url;
    this.options.token = token;
    const socket = this.socket;
    this.socket = null;
    this.generation++;
    this.clearAllTimers();
    // Requests already written went to the old hub and will never be answered; queued ones go to the new one.
    this.failPending((p) => p.sentOn !== null, 'the hub connection was switched before the hub answered; try again');
    if (socket) void closeSocket(socket);
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  /** Closes the connection for good; pending requests fail with `unavailable`. */
  async stop(): Promise<void> {
    if (this.stopped && this.current.status === 'closed') return;
    this.stopped = true;
    this.clearAllTimers();
    const socket = this.socket;
    this.socket = null;
    this.generation++;
    this.failPending(() => true, 'the hub connection was closed by this app');
    this.setState({ status: 'closed', fatal: false });
    if (socket) await closeSocket(socket);
  }

  dispose(): Promise<void> {
    return this.stop();
  }

  // ---- requests

  accept(handoffId: string): Promise<Result<unknown>> {
    return this.request({ type: 'accept', handoffId });
  }

  decline(handoffId: string, reason: string): Promise<Result<unknown>> {
    return this.request({ type: 'decline', handoffId, reason });
  }

  setPresence(presence: Presence): Promise<Result<unknown>> {
    return this.request({ type: 'presence', presence });
  }

  reply(handoffId: string, messageId: string, text: string): Promise<Result<unknown>> {
    return this.request({ type: 'reply', handoffId, messageId, text });
  }

  resolve(handoffId: string, feedback?: Feedback): Promise<Result<unknown>> {
    return this.request(feedback ? { type: 'resolve', handoffId, feedback } : { type: 'resolve', handoffId });
  }

  transfer(handoffId: string, to: TransferTarget, reason?: string): Promise<Result<unknown>> {
    return this.request(reason ? { type: 'transfer', handoffId, to, reason } : { type: 'transfer', handoffId, to });
  }

  /** Receipts are fire-and-forget: sent now if open, otherwise dropped (they only matter live). */
  receipt(handoffId: string, stage: ReceiptStage, detail?: string): boolean {
    return this.sendDirect(detail === undefined ? { type: 'receipt', handoffId, stage } : { type: 'receipt', handoffId, stage, detail });
  }

  request(body: RequestBody): Promise<Result<unknown>> {
    if (this.stopped || (this.current.status === 'closed' && this.current.fatal)) {
      return Promise.resolve(err('unavailable', this.current.error ?? 'not connected to the hub'));
    }
    const requestId = `${this.requestPrefix}-${this.nextRequest++}`;
    const frame = { ...body, requestId } as RequestFrame;
    const timeoutMs = this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => {
        if (!this.pending.has(requestId)) return;
        this.forget(requestId);
        resolve(err('unavailable', `the hub did not answer "${frame.type}" within ${Math.round(timeoutMs / 1000)} s; check the connection and try again`));
      }, timeoutMs);
      this.pending.set(requestId, { frame, resolve, timer, sentOn: null });
      this.queue.push(requestId);
      this.flush();
    });
  }

  // ---- connection lifecycle

  private connect(): void {
    this.clearAllTimers();
    const generation = ++this.generation;
    this.setState({ status: 'connecting', fatal: false, error: this.current.error });
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.wsUrl, HUB_PROTOCOL, {
        maxPayload: MAX_FRAME_BYTES,
        handshakeTimeout: this.options.welcomeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS * 2,
      });
    } catch (error) {
      this.onClosed(generation, 1006, error instanceof Error ? error.message : String(error));
      return;
    }
    this.socket = socket;
    socket.on('open', () => {
      if (generation !== this.generation) return;
      this.sendDirect({
        type: 'hello',
        token: this.options.token,
        lastSeq: this.seq,
        client: this.options.client ?? { name: 'baton-desktop', version: '0.1.0' },
      });
      this.welcomeTimer = this.clock.setTimeout(() => {
        if (generation !== this.generation) return;
        this.log.warn('hub-link: no welcome from the hub in time; reconnecting');
        socket.terminate();
      }, this.options.welcomeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS * 2);
    });
    socket.on('message', (data: WebSocket.RawData) => {
      if (generation !== this.generation) return;
      this.onFrame(Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer));
    });
    socket.on('error', (error: Error) => {
      if (generation !== this.generation) return;
      this.log.warn(`hub-link: socket error: ${error.message}`);
      this.lastSocketError = error.message;
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.onClosed(generation, code, reason.toString('utf8') || this.lastSocketError);
    });
  }

  private onClosed(generation: number, code: number, reason: string): void {
    if (generation !== this.generation) return;
    this.socket = null;
    this.lastSocketError = '';
    this.clearAllTimers();
    this.failPending((p) => p.sentOn === generation, 'the connection to the hub was lost before it answered; try again');
    if (this.stopped) {
      this.setState({ status: 'closed', fatal: false });
      return;
    }
    const verdict = judgeClose(code, reason);
    if (verdict.action === 'stop') {
      this.log.warn(`hub-link: stopped: ${verdict.message}`);
      this.stopped = verdict.fatal;
      this.failPending(() => true, verdict.message);
      this.setState({ status: 'closed', fatal: verdict.fatal, error: verdict.message });
      return;
    }
    const delay = backoffDelay(this.attempt++, this.random, this.options.backoff ?? DEFAULT_BACKOFF);
    const retryAt = this.clock.now() + delay;
    this.setState({ status: 'backoff', fatal: false, error: verdict.message, retryAt: new Date(retryAt).toISOString() });
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private onFrame(raw: Buffer): void {
    const parsed = parseHubFrame(raw);
    if (!parsed.ok) {
      this.log.warn(`hub-link: ignored a malformed frame from the hub: ${parsed.error}`);
      return;
    }
    const frame: HubFrame = parsed.frame;
    switch (frame.type) {
      case 'welcome':
        this.onWelcome(frame.agent, frame.resumeFrom);
        return;
      case 'event':
        this.onEvent(frame.seq, frame.event);
        return;
      case 'result': {
        const entry = this.pending.get(frame.requestId);
        if (!entry) return;
        this.forget(frame.requestId);
        entry.resolve(frame.ok ? ok(frame.value ?? null) : { ok: false, error: frame.error });
        return;
      }
      case 'error':
        this.log.warn(`hub-link: the hub reported an error: ${frame.error.code}: ${frame.error.message}`);
        return;
      case 'pong':
        this.clearTimer('pongTimer');
        return;
    }
  }

  private onWelcome(agent: Agent, resumeFrom: number): void {
    this.clearTimer('welcomeTimer');
    this.attempt = 0;
    this.welcomedAgent = agent;
    this.setState({ status: 'open', fatal: false });
    this.emit('welcome', { agent, resumeFrom });
    this.schedulePing();
    this.flush();
  }

  private onEvent(seq: number, event: HubEvent): void {
    if (seq <= this.seq) {
      // Already processed (a resend after reconnect): acknowledge again, show nothing.
      this.queueAck(seq);
      return;
    }
    this.seq = seq;
    // A lead may change this agent's presence: `agent` must then tell the session the new one.
    if (event.kind === 'agent_updated' && event.agent.id === this.welcomedAgent?.id) this.welcomedAgent = event.agent;
    const { kind, ...rest } = event;
    this.emit(kind, { ...rest, seq } as never);
    this.emit('processed', { seq });
    this.queueAck(seq);
  }

  /**
   * One ack for all the events of one socket read: a long backlog arrives as hundreds of frames
   * at once, and an ack per frame would run into the hub's per-connection frame limit. Acks are
   * cumulative, so the highest seq says it all.
   */
  private queueAck(seq: number): void {
    this.pendingAck = Math.max(this.pendingAck ?? 0, seq);
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    setImmediate(() => {
      this.ackScheduled = false;
      const upTo = this.pendingAck;
      this.pendingAck = null;
      if (upTo !== null) this.sendDirect({ type: 'ack', seq: upTo });
    });
  }

  private schedulePing(): void {
    const interval = this.options.pingIntervalMs ?? PING_INTERVAL_MS;
    const generation = this.generation;
    this.pingTimer = this.clock.setTimeout(() => {
      this.pingTimer = null;
      if (generation !== this.generation || !this.socket) return;
      if (this.sendDirect({ type: 'ping' })) {
        this.clearTimer('pongTimer');
        const socket = this.socket;
        this.pongTimer = this.clock.setTimeout(() => {
          this.pongTimer = null;
          if (generation !== this.generation) return;
          this.log.warn('hub-link: no pong from the hub; dropping the connection');
          socket.terminate();
        }, this.options.pongTimeoutMs ?? DEFAULT_PONG_TIMEOUT_MS);
      }
      this.schedulePing();
    }, interval);
  }

  // ---- writing

  private sendDirect(frame: ClientFrame): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(stringifyClientFrame(frame));
    return true;
  }

  private flush(): void {
    if (this.current.status !== 'open') return;
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const highWater = this.options.highWaterBytes ?? DEFAULT_HIGH_WATER_BYTES;
    while (this.queue.length > 0) {
      if (socket.bufferedAmount > highWater) {
        // The socket is backed up: wait for it to drain instead of piling more on.
        if (!this.drainTimer) {
          this.drainTimer = this.clock.setTimeout(() => {
            this.drainTimer = null;
            this.flush();
          }, DRAIN_RETRY_MS);
        }
        return;
      }
      const requestId = this.queue.shift()!;
      const entry = this.pending.get(requestId);
      if (!entry) continue;
      socket.send(stringifyClientFrame(entry.frame));
      entry.sentOn = this.generation;
    }
  }

  // ---- bookkeeping

  private forget(requestId: string): void {
    const entry = this.pending.get(requestId);
    if (entry) this.clock.clearTimeout(entry.timer);
    this.pending.delete(requestId);
    const index = this.queue.indexOf(requestId);
    if (index >= 0) this.queue.splice(index, 1);
  }

  private failPending(match: (entry: PendingRequest) => boolean, message: string): void {
    for (const [requestId, entry] of [...this.pending]) {
      if (!match(entry)) continue;
      this.forget(requestId);
      entry.resolve(err('unavailable', message));
    }
  }

  private setState(next: Omit<ConnectionState, 'since'>): void {
    const state: ConnectionState = { ...next, since: this.isoNow() };
    if (state.error === undefined) delete state.error;
    if (state.retryAt === undefined) delete state.retryAt;
    this.current = state;
    this.emit('state', state);
  }

  private emit<K extends HubLinkEventName>(name: K, payload: HubLinkEvents[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (payload: HubLinkEvents[K]) => void)(payload);
      } catch (error) {
        this.log.error(`hub-link: a ${name} listener failed`, error);
      }
    }
  }

  private clearTimer(name: 'retryTimer' | 'welcomeTimer' | 'pingTimer' | 'pongTimer' | 'drainTimer'): void {
    const timer = this[name];
    if (timer) this.clock.clearTimeout(timer);
    this[name] = null;
  }

  private clearAllTimers(): void {
    this.clearTimer('retryTimer');
    this.clearTimer('welcomeTimer');
    this.clearTimer('pingTimer');
    this.clearTimer('pongTimer');
    this.clearTimer('drainTimer');
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** Closes politely, and forcibly if the peer does not finish the closing handshake soon. */
function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => socket.terminate(), 1_000);
    socket.once('close', () => {
      clearTimeout(force);
      resolve();
    });
    socket.on('error', () => {});
    if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    else socket.close(1000, 'client closing');
  });
}

