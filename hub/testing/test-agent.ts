// A small real WebSocket client for tests (the hub's, and anyone's who needs a desktop stand-in):
// connects with the hub protocol, says hello, collects every frame, acknowledges events, and sends
// commands that resolve with their `result` frame.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import {
  HUB_PROTOCOL,
  parseHubFrame,
  stringifyClientFrame,
  type ClientFrame,
  type HubEvent,
  type HubFrame,
} from '../../shared/hub-protocol';
import type { Presence } from '../../shared/domain';

type ResultFrame = Extract<HubFrame, { type: 'result' }>;
type WelcomeFrame = Extract<HubFrame, { type: 'welcome' }>;
export type EventFrame = Extract<HubFrame, { type: 'event' }>;
type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;
export type RequestFrame = DistributiveOmit<Extract<ClientFrame, { requestId: string }>, 'requestId'>;

export interface TestAgentOptions {
  lastSeq?: number;
  /** Send `ack` for each event (default true). */
  autoAck?: boolean;
  /** Sub-protocol to ask for (default HUB_PROTOCOL). */
  protocol?: string;
  /** false: do not answer pings, like a frozen desktop (heartbeat tests). */
  autoPong?: boolean;
  /** CA certificate (PEM) to trust, for WSS with a self-signed certificate. */
  ca?: string;
  /** Do not send hello (handshake tests). */
  skipHello?: boolean;
  timeoutMs?: number;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

export class TestAgent {
  readonly frames: HubFrame[] = [];
  readonly events: EventFrame[] = [];
  readonly errors: Extract<HubFrame, { type: 'error' }>[] = [];
  welcome: WelcomeFrame | null = null;
  closeInfo: CloseInfo | null = null;
  readonly closed: Promise<CloseInfo>;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly socket: WebSocket,
    private readonly autoAck: boolean,
  ) {
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        this.wake();
      });
    });
    socket.on('message', (data: Buffer) => {
      const parsed = parseHubFrame(data.toString('utf8'));
      if (!parsed.ok) throw new Error(`hub sent an invalid frame: ${parsed.error}`);
      const frame = parsed.frame;
      this.frames.push(frame);
      if (frame.type === 'welcome') this.welcome = frame;
      if (frame.type === 'error') this.errors.push(frame);
      if (frame.type === 'event') {
        this.events.push(frame);
        if (this.autoAck) this.send({ type: 'ack', seq: frame.seq });
      }
      this.wake();
    });
  }

  get lastSeq(): number {
    return this.events.reduce((max, frame) => Math.max(max, frame.seq), 0);
  }

  eventsOf<K extends HubEvent['kind']>(kind: K): Extract<HubEvent, { kind: K }>[] {
    return this.events.map((frame) => frame.event).filter((event): event is Extract<HubEvent, { kind: K }> => event.kind === kind);
  }

  /** Resolves with the first collected value for which `pick` returns something, waiting if needed. */
  waitFor<T>(pick: () => T | undefined | null | false, timeoutMs = 5_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = pick();
        if (value !== undefined && value !== null && value !== false) {
          cleanup();
          resolve(value);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; frames: ${JSON.stringify(this.frames.map(summary))}`));
      }, timeoutMs);
      // Conditions may depend on the hub's state as well as on frames: look again now and then.
      const poll = setInterval(() => void check(), 20);
      const waiter = () => void check();
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
      };
      if (!check()) this.waiters.add(waiter);
    });
  }

  /** Waits for an event of this kind (optionally matching), counting from the start of the connection. */
  waitForEvent<K extends HubEvent['kind']>(kind: K, match: (event: Extract<HubEvent, { kind: K }>) => boolean = () => true, timeoutMs = 5_000) {
    return this.waitFor(() => this.eventsOf(kind).find(match), timeoutMs, `a ${kind} event`);
  }

  send(frame: ClientFrame): void {
    this.socket.send(stringifyClientFrame(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Sends a request frame and resolves with its result frame. */
  async request(frame: RequestFrame, timeoutMs = 5_000): Promise<ResultFrame> {
    const requestId = randomUUID();
    this.send({ ...frame, requestId } as ClientFrame);
    return this.waitFor(
      () => this.frames.find((candidate): candidate is ResultFrame => candidate.type === 'result' && candidate.requestId === requestId),
      timeoutMs,
      `the result of ${frame.type}`,
    );
  }

  accept(handoffId: string) {
    return this.request({ type: 'accept', handoffId });
  }

  decline(handoffId: string, reason = 'busy with another customer') {
    return this.request({ type: 'decline', handoffId, reason });
  }

  setPresence(presence: Presence) {
    return this.request({ type: 'presence', presence });
  }

  async close(): Promise<void> {
    if (this.closeInfo) return;
    this.socket.close(1000, 'test done');
    const timer = setTimeout(() => this.socket.terminate(), 2_000);
    await this.closed;
    clearTimeout(timer);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function summary(frame: HubFrame): string {
  return frame.type === 'event' ? `event#${frame.seq}:${frame.event.kind}` : frame.type;
}

/** Opens a connection, says hello and waits for `welcome` (unless skipHello or the hub refuses). */
export async function connectTestAgent(wsUrl: string, token: string, options: TestAgentOptions = {}): Promise<TestAgent> {
  const socket = new WebSocket(wsUrl, options.protocol ?? HUB_PROTOCOL, {
    autoPong: options.autoPong ?? true,
    ...(options.ca ? { ca: options.ca } : {}),
  });
  const agent = new TestAgent(socket, options.autoAck ?? true);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`hub refused the upgrade: HTTP ${response.statusCode}`)));
  });
  if (options.skipHello) return agent;
  agent.send({ type: 'hello', token, lastSeq: options.lastSeq ?? 0, client: { name: 'baton-test-agent', version: '1' } });
  await Promise.race([
    agent.waitFor(() => agent.welcome, options.timeoutMs ?? 5_000, 'welcome'),
    agent.closed.then((info) => {
      throw new HubClosedError(info);
    }),
  ]);
  return agent;
}

export class HubClosedError extends Error {
  constructor(readonly info: CloseInfo) {
    super(`hub closed the connection: ${info.code} ${info.reason}`);
  }
}
