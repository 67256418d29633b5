// The WebSocket gateway desktops connect to. A connection must speak HUB_PROTOCOL and send `hello`
// with its agent token within HANDSHAKE_TIMEOUT_MS; it is then welcomed, sent every event it missed
// (per-agent sequence numbers from the store) and kept alive with pings. One connection per agent:
// a newer one replaces the older (4409). Frames are validated; repeated abuse closes the socket.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Clock, TimerHandle } from '../../shared/clock';
import {
  CloseCode,
  HANDSHAKE_TIMEOUT_MS,
  HUB_PROTOCOL,
  HUB_WS_PATH,
  MAX_FRAME_BYTES,
  PING_INTERVAL_MS,
  parseClientFrame,
  stringifyHubFrame,
  type ClientFrame,
  type DirectoryResult,
  type HubEvent,
  type HubFrame,
} from '../../shared/hub-protocol';
import { BatonError, type ErrorCode } from '../../shared/result';
import type { EventPush, HandoffService } from '../handoff-service';
import type { HubLog } from '../hub-log';
import { RateLimiter, type RateLimit } from '../rate-limiter';
import type { HubDatabase } from '../store/database';
import { findAgentByTokenHash, getAgent, listAgents, type AgentRecord } from '../store/agent-queries';
import { acknowledgeEvents, eventCursor, eventsAfter, raiseLastSeq } from '../store/agent-event-queries';
import { commitWithoutFsync } from '../store/commit-without-fsync';
import { hashToken } from '../token-hash';
import type { HubNotes } from '../notes/hub-notes';
import type { SupervisionService } from '../supervision/supervision-service';

/** Unsent bytes a connection may hold before the hub drops it as a slow consumer. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** The backlog is replayed in pages; past this many unsent bytes the replay waits for the socket. */
const REPLAY_PAGE = 200;
const REPLAY_HIGH_WATER_BYTES = 1024 * 1024;

export interface AgentGatewayOptions {
  db: HubDatabase;
  service: HandoffService;
  clock: Clock;
  log: HubLog;
  pingIntervalMs?: number;
  handshakeTimeoutMs?: number;
  /** Frames per second a connection may send (burst, refill); null turns limiting off. */
  frameLimit?: RateLimit | null;
  /** Durable notes (issue 4): answers note_sync and note_pull. */
  notes?: HubNotes;
  /** The supervisor view's frames (issue 7): snapshot, reports, lead actions, whispers, raised hands. */
  supervision?: SupervisionService;
}

/** Bad frames (invalid, or over the rate limit) a connection may send before it is closed. */
const MAX_STRIKES = 5;

interface Session {
  readonly socket: WebSocket;
  readonly id: string;
  agent: AgentRecord | null;
  /** Live events are sent only once the backlog has been replayed. */
  ready: boolean;
  alive: boolean;
  strikes: number;
  handshakeTimer: TimerHandle | null;
}

export class AgentGateway implements EventPush {
  private readonly server: WebSocketServer;
  private readonly sessions = new Set<Session>();
  private readonly byAgent = new Map<string, Session>();
  private readonly limiter: RateLimiter | null;
  private readonly pingIntervalMs: number;
  private readonly handshakeTimeoutMs: number;
  private pingTimer: TimerHandle | null = null;
  /** Highest acknowledged sequence per agent, written in one transaction per I/O turn. */
  private readonly pendingAcks = new Map<string, number>();
  private ackFlush: ReturnType<typeof setImmediate> | null = null;
  private nextSessionId = 1;
  private closed = false;

  constructor(private readonly options: AgentGatewayOptions) {
    this.pingIntervalMs = options.pingIntervalMs ?? PING_INTERVAL_MS;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
    const frameLimit = options.frameLimit === undefined ? { perSecond: 50, burst: 200 } : options.frameLimit;
    this.limiter = frameLimit ? new RateLimiter(frameLimit, options.clock) : null;
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      clientTracking: false,
      handleProtocols: (protocols) => (protocols.has(HUB_PROTOCOL) ? HUB_PROTOCOL : false),
    });
    this.schedulePing();
  }

  /** Called by the HTTP server's 'upgrade' event. Refuses other paths and other protocol versions. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://hub.invalid').pathname;
    if (this.closed) return refuse(socket, 503, 'Service Unavailable');
    if (path !== HUB_WS_PATH) return refuse(socket, 404, 'Not Found');
    const offered = String(request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((protocol) => protocol.trim());
    if (!offered.includes(HUB_PROTOCOL)) return refuse(socket, 400, 'Bad Request', `use the WebSocket sub-protocol ${HUB_PROTOCOL}`);
    this.server.handleUpgrade(request, socket, head, (ws) => this.open(ws));
  }

  push(agentId: string, seq: number, event: HubEvent): void {
    const session = this.byAgent.get(agentId);
    if (session?.ready) this.send(session, { type: 'event', seq, event });
  }

  /** Closes the connections of agents that no longer exist or were revoked (after an admin change). */
  dropRevoked(): void {
    for (const session of this.byAgent.values()) {
      const current = session.agent ? getAgent(this.options.db, session.agent.id) : undefined;
      if (!current || current.revokedAt !== null) session.socket.close(CloseCode.Unauthorized, 'token revoked');
      else session.agent = current;
    }
  }

  connectedAgents(): number {
    return this.byAgent.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pingTimer) this.options.clock.clearTimeout(this.pingTimer);
    if (this.ackFlush) clearImmediate(this.ackFlush);
    this.flushAcks();
    const closing = [...this.sessions].map(
      (session) =>
        new Promise<void>((resolve) => {
          if (session.socket.readyState === session.socket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            session.socket.terminate();
            resolve();
          }, 1_000);
          session.socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          session.socket.close(CloseCode.ServerRestart, 'hub shutting down');
        }),
    );
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Acks arrive one per event; writing each in its own durable transaction would cost an fsync per
   * event. They are coalesced (only the highest matters) and written once per I/O turn, without an
   * fsync of their own (see commitWithoutFsync). An ack lost in a crash or a power cut only means
   * those events are sent again, and the desktop drops repeats by seq.
   */
  private queueAck(agentId: string, seq: number): void {
    this.pendingAcks.set(agentId, Math.max(seq, this.pendingAcks.get(agentId) ?? 0));
    this.ackFlush ??= setImmediate(() => this.flushAcks());
  }

  private flushAcks(): void {
    this.ackFlush = null;
    if (this.pendingAcks.size === 0) return;
    const acks = [...this.pendingAcks];
    this.pendingAcks.clear();
    try {
      commitWithoutFsync(this.options.db, () => {
        for (const [agentId, seq] of acks) acknowledgeEvents(this.options.db, agentId, seq);
      });
    } catch (error) {
      this.options.log.warn('recording acknowledgements failed; those events will be resent', error);
    }
  }

  // ---- one connection

  private open(socket: WebSocket): void {
    const session: Session = {
      socket,
      id: `c${this.nextSessionId++}`,
      agent: null,
      ready: false,
      alive: true,
      strikes: 0,
      handshakeTimer: null,
    };
    this.sessions.add(session);
    session.handshakeTimer = this.options.clock.setTimeout(() => {
      if (!session.agent) socket.close(CloseCode.HandshakeTimeout, 'no hello within the handshake timeout');
    }, this.handshakeTimeoutMs);
    socket.on('pong', () => {
      session.alive = true;
    });
    socket.on('message', (data, isBinary) => this.receive(session, data, isBinary));
    socket.on('error', (error) => this.options.log.warn(`connection ${session.id} error: ${error.message}`));
    socket.on('close', () => this.closedSession(session));
  }

  private receive(session: Session, data: RawData, isBinary: boolean): void {
    if (this.limiter && !this.limiter.take(session.id)) {
      this.strike(session, 'too_many_requests', 'too many frames; slow down', CloseCode.TooManyRequests);
      return;
    }
    const raw = isBinary ? toBytes(data) : toBytes(data).toString('utf8');
    const parsed = parseClientFrame(raw);
    if (!parsed.ok) {
      this.strike(session, 'bad_request', parsed.error, CloseCode.BadRequest);
      return;
    }
    const frame = parsed.frame;
    if (frame.type === 'ping') return this.send(session, { type: 'pong' });
    if (!session.agent) {
      if (frame.type !== 'hello') {
        this.send(session, { type: 'error', error: { code: 'unauthorized', message: 'send hello first' } });
        session.socket.close(CloseCode.BadRequest, 'hello expected');
        return;
      }
      this.hello(session, frame);
      return;
    }
    if (frame.type === 'hello') {
      this.strike(session, 'bad_request', 'hello was already received on this connection', CloseCode.BadRequest);
      return;
    }
    this.command(session, session.agent, frame);
  }

  private hello(session: Session, frame: Extract<ClientFrame, { type: 'hello' }>): void {
    const { db, service } = this.options;
    const agent = findAgentByTokenHash(db, hashToken(frame.token));
    if (!agent) {
      this.send(session, { type: 'error', error: { code: 'unauthorized', message: 'unknown or revoked agent token' } });
      session.socket.close(CloseCode.Unauthorized, 'unknown or revoked agent token');
      return;
    }
    if (session.handshakeTimer) this.options.clock.clearTimeout(session.handshakeTimer);
    session.handshakeTimer = null;
    const previous = this.byAgent.get(agent.id);
    session.agent = agent;
    this.byAgent.set(agent.id, session);
    if (previous) {
      previous.ready = false;
      previous.socket.close(CloseCode.Replaced, 'replaced by a newer connection of the same agent');
    }

    try {
      raiseLastSeq(db, agent.id, frame.lastSeq);
      const cursor = eventCursor(db, agent.id);
      // Events the desktop never processed were pruned by an ack it sent earlier and lost since
      // (reinstalled, cache wiped): rebuild its view instead of replaying history that is gone.
      if (frame.lastSeq < cursor.ackedSeq) service.snapshotFor(agent);
      service.connectAgent(agent.id);
      const view = service.agentView(agent.id)!;
      this.send(session, { type: 'welcome', agent: view, serverTime: new Date(this.options.clock.now()).toISOString(), resumeFrom: frame.lastSeq + 1 });
      this.options.log.info(`agent ${agent.id} connected (${frame.client.name} ${frame.client.version}), resuming after seq ${frame.lastSeq}`);
      this.replay(session, agent.id, frame.lastSeq).catch((error: unknown) => {
        this.options.log.error(`replaying events to agent ${agent.id} failed`, error);
        session.socket.close(1011, 'hub error');
      });
    } catch (error) {
      this.options.log.error(`welcoming agent ${agent.id} failed`, error);
      session.socket.close(1011, 'hub error');
    }
  }

  /**
   * Sends the backlog a page at a time, waiting for the socket whenever too much is unsent, so a
   * long backlog (a lead on a busy hub, a desktop back from a long outage) is delivered instead of
   * tripping the slow-consumer drop in send(). Live events wait in the event log meanwhile; the
   * last empty page and `ready = true` happen in the same tick, so none slips between them.
   */
  private async replay(session: Session, agentId: string, afterSeq: number): Promise<void> {
    let last = afterSeq;
    for (;;) {
      if (session.socket.readyState !== session.socket.OPEN || this.byAgent.get(agentId) !== session || this.closed) return;
      const page = eventsAfter(this.options.db, agentId, last, REPLAY_PAGE);
      if (page.length === 0) {
        session.ready = true;
        return;
      }
      for (const missed of page) {
        this.send(session, { type: 'event', seq: missed.seq, event: missed.event });
        last = missed.seq;
      }
      if (session.socket.bufferedAmount > REPLAY_HIGH_WATER_BYTES) await flushed(session.socket);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private command(session: Session, agent: AgentRecord, frame: Exclude<ClientFrame, { type: 'hello' | 'ping' }>): void {
    const { service } = this.options;
    if (frame.type === 'ack') {
      this.queueAck(agent.id, frame.seq);
      return;
    }
    if (frame.type === 'receipt') {
      this.run(session, null, () => service.reportReceipt(agent, frame.handoffId, frame.stage, frame.detail));
      return;
    }
    const supervision = this.options.supervision;
    if (supervision?.handles(frame)) {
      this.run(session, frame.requestId, () => supervision.handle(agent, frame));
      return;
    }
    this.run(session, frame.requestId, () => {
      switch (frame.type) {
        case 'accept':
          return { handoff: service.accept(agent, frame.handoffId) };
        case 'decline':
          service.decline(agent, frame.handoffId, frame.reason);
          return null;
        case 'presence':
          return { presence: service.setPresence(agent, frame.presence) };
        case 'reply':
          return { message: service.reply(agent, frame.handoffId, frame.messageId, frame.text) };
        case 'resolve':
          return { handoff: service.resolve(agent, frame.handoffId, frame.feedback) };
        case 'transfer':
          return { handoff: service.transfer(agent, frame.handoffId, frame.to, frame.reason) };
        case 'reassign':
          return { handoff: service.reassign(agent, frame.handoffId, frame.agentId) };
        case 'directory':
          return this.directory(agent);
        // ---- notes (hub/notes/, issue 4)
        case 'note_sync':
          return this.notes().applyBatch(agent, frame.changes);
        case 'note_pull':
          return this.notes().pull(agent, frame.afterVersion);
        default:
          // A frame type added to the protocol but not wired here must not look like a success.
          throw new BatonError('bad_request', `frame type ${(frame as { type: string }).type} is not handled by this hub`);
      }
    });
  }

  /** The other agents (not leads), as any agent may see them: for picking whom to transfer to. */
  private directory(me: AgentRecord): DirectoryResult {
    const agents = listAgents(this.options.db)
      .filter((a) => a.role === 'agent' && a.id !== me.id)
      .map((a) => {
        const session = this.byAgent.get(a.id);
        const presence = this.options.service.agentView(a.id)?.presence ?? 'offline';
        return { id: a.id, name: a.name, presence, skills: a.skills, connected: session?.ready === true };
      });
    return { agents: agents.sort((a, b) => a.name.localeCompare(b.name)) };
  }

  private notes(): HubNotes {
    if (!this.options.notes) throw new BatonError('unavailable', 'this hub does not keep notes');
    return this.options.notes;
  }

  /** Runs a command; answers with a `result` (or, for frames without requestId, an `error` on failure). */
  private run(session: Session, requestId: string | null, fn: () => unknown): void {
    let value: unknown;
    try {
      value = fn();
    } catch (error) {
      const apiError =
        error instanceof BatonError
          ? { code: error.code, message: error.message }
          : { code: 'internal' as ErrorCode, message: 'the hub could not carry out this request; see its log' };
      if (!(error instanceof BatonError)) this.options.log.error(`command from ${session.agent?.id ?? session.id} failed`, error);
      this.send(session, requestId === null ? { type: 'error', error: apiError } : { type: 'result', requestId, ok: false, error: apiError });
      return;
    }
    if (requestId !== null) this.send(session, { type: 'result', requestId, ok: true, value: value ?? null });
  }

  private strike(session: Session, code: ErrorCode, message: string, closeCode: number): void {
    session.strikes++;
    this.send(session, { type: 'error', error: { code, message: message.slice(0, 2_000) } });
    if (session.strikes >= MAX_STRIKES) session.socket.close(closeCode, code === 'too_many_requests' ? 'too many requests' : 'too many bad frames');
  }

  private send(session: Session, frame: HubFrame): void {
    if (session.socket.readyState !== session.socket.OPEN) return;
    // A desktop that stops reading must not make the hub hold its frames in memory without bound:
    // drop it; everything it missed is in its event log and is resent when it reconnects.
    if (session.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.options.log.warn(`dropping a connection that stopped reading (${session.socket.bufferedAmount} bytes unsent)`);
      session.socket.terminate();
      return;
    }
    try {
      session.socket.send(stringifyHubFrame(frame));
    } catch (error) {
      this.options.log.error(`sending a ${frame.type} frame failed`, error);
    }
  }

  private closedSession(session: Session): void {
    this.sessions.delete(session);
    this.limiter?.forget(session.id);
    if (session.handshakeTimer) this.options.clock.clearTimeout(session.handshakeTimer);
    const agent = session.agent;
    if (!agent || this.byAgent.get(agent.id) !== session) return;
    this.byAgent.delete(agent.id);
    if (this.closed) return;
    try {
      this.options.service.disconnectAgent(agent.id);
    } catch (error) {
      this.options.log.error(`disconnecting agent ${agent.id} failed`, error);
    }
    this.options.log.info(`agent ${agent.id} disconnected`);
  }

  /** ws README's heartbeat: a connection that did not answer the previous ping is terminated. */
  private schedulePing(): void {
    this.pingTimer = this.options.clock.setTimeout(() => {
      for (const session of this.sessions) {
        if (!session.alive) {
          session.socket.terminate();
          continue;
        }
        session.alive = false;
        try {
          session.socket.ping();
        } catch {
          session.socket.terminate();
        }
      }
      if (!this.closed) this.schedulePing();
    }, this.pingIntervalMs);
  }
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function refuse(socket: Duplex, status: number, text: string, detail?: string): void {
  const body = detail ?? text;
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Resolves once everything queued on the socket so far was written (or the socket is gone). */
function flushed(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    const done = () => {
      socket.off('close', done);
      resolve();
    };
    socket.once('close', done);
    // An empty ping is the cheapest frame whose callback fires after all earlier writes.
    socket.ping(undefined, undefined, done);
  });
}
