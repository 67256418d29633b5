// The hub: one process that takes handoffs from the bot platform (HTTP), routes them to agents'
// desktops (WebSocket), stores everything in SQLite and reports back through a webhook.
// createHub is the composition root; it owns every resource and releases them in close().
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock, type TimerHandle } from '../shared/clock';
import type { Role } from '../shared/domain';
import { HUB_WS_PATH } from '../shared/hub-protocol';
import { DisposableStore, toDisposable } from '../shared/lifecycle';
import { AgentGateway } from './gateway/agent-gateway';
import { HandoffService, type HandoffServiceOptions } from './handoff-service';
import { stderrLog, type HubLog } from './hub-log';
import { createIngestApi } from './http/ingest-api';
import { createRulesEscalation } from './ingest/rules-escalation';
import type { Escalation } from './ingest/escalation';
import { RateLimiter, type RateLimit } from './rate-limiter';
import type { RoutingStrategy } from './router/router';
import { upsertAgent } from './store/agent-queries';
import { pruneUnacknowledged } from './store/agent-event-queries';
import { SupervisionService } from './supervision/supervision-service';
import { openHubDatabase, type HubDatabase } from './store/database';
import { hashToken } from './token-hash';
import { HubNotes } from './notes/hub-notes';
import { WebhookDispatcher, type WebhookRetryPolicy } from './webhook/webhook-dispatcher';

export interface HubAgentSeed {
  id: string;
  name: string;
  role: Role;
  skills?: string[];
  capacity?: number;
  token: string;
}

export interface HubOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** SQLite file (':memory:' allowed for tests). */
  dbPath: string;
  /** HMAC secret shared with the bot platform. */
  secret: string;
  /** Upserted at start; tokens are stored hashed (sha256), never in clear. */
  agents?: HubAgentSeed[];
  clock?: Clock;
  /** Default 30 000. */
  offerTimeoutMs?: number;
  /** Escalation rules file (YAML/JSON), hot-reloaded; without it the built-in defaults apply. */
  rulesPath?: string;
  webhookUrl?: string;
  /** Defaults to `secret`. */
  webhookSecret?: string;
  /** PEM contents: serve HTTPS and WSS. */
  tls?: { cert: string; key: string };
  log?: HubLog;
  /** 'least-busy' (default) or 'round-robin'. */
  routingStrategy?: RoutingStrategy;
  /** Offer handoffs to supervisors as well as agents. */
  routeToSupervisors?: boolean;
  /** Ingest requests per client IP; null turns limiting off (benchmarks). Default 50/s, burst 200. */
  httpRateLimit?: RateLimit | null;
  /** WebSocket frames per connection; null turns limiting off. Default 50/s, burst 200. */
  frameRateLimit?: RateLimit | null;
  pingIntervalMs?: number;
  handshakeTimeoutMs?: number;
  webhookRetry?: Partial<WebhookRetryPolicy>;
  /** Replaces the rules engine (tests that want a fixed outcome). */
  escalation?: Escalation;
  /** Unacknowledged events kept per agent before the oldest are dropped (the desktop then gets a snapshot). Default 10 000. */
  maxUnacknowledgedEvents?: number;
  /** How often to look for admin changes made by another process (agents add/revoke). Default 2 000. */
  adminPollMs?: number;
  /** Group commit of ingests (see hub/store/commit-batcher.ts); default: next event-loop turn, at most 64 per commit. */
  ingestBatch?: HandoffServiceOptions['ingestBatch'];
}

export interface Hub {
  /** http(s)://host:port */
  readonly url: string;
  /** ws(s)://host:port/ws */
  readonly wsUrl: string;
  readonly port: number;
  /** The hub's database (tests and tools read it; write through the service). */
  readonly db: HubDatabase;
  readonly service: HandoffService;
  close(): Promise<void>;
}

export async function createHub(options: HubOptions): Promise<Hub> {
  if (!options.secret) throw new Error('the hub needs a secret shared with the bot platform');
  const clock = options.clock ?? systemClock;
  const log = options.log ?? stderrLog;
  const host = options.host ?? '127.0.0.1';
  const resources = new DisposableStore();

  try {
    const db = openHubDatabase(options.dbPath);
    resources.add(toDisposable(() => void db.close()));
    // One transaction (one fsync) for all seeds, not one per agent: 1,000 agents start in a blink.
    db.transaction(() => {
      for (const seed of options.agents ?? []) {
        upsertAgent(
          db,
          { id: seed.id, name: seed.name, role: seed.role, skills: seed.skills ?? [], capacity: seed.capacity ?? 3, tokenHash: hashToken(seed.token) },
          clock.now(),
        );
      }
    })();

    const escalation: Escalation = options.escalation ?? createRulesEscalation({ path: options.rulesPath, log, clock });
    resources.add(toDisposable(() => escalation.dispose()));

    let webhook: WebhookDispatcher | undefined;
    if (options.webhookUrl) {
      webhook = new WebhookDispatcher({
        db,
        url: options.webhookUrl,
        secret: options.webhookSecret ?? options.secret,
        clock,
        log,
        retry: options.webhookRetry,
      });
      resources.add(toDisposable(() => webhook!.close()));
    }

    const service = new HandoffService({
      db,
      clock,
      escalation,
      log,
      offerTimeoutMs: options.offerTimeoutMs,
      strategy: options.routingStrategy,
      routeToSupervisors: options.routeToSupervisors,
      webhook,
      ingestBatch: options.ingestBatch,
    });
    resources.add(toDisposable(() => service.dispose()));
    service.start();

    const supervision = new SupervisionService({ db, service, clock, log, routeToSupervisors: options.routeToSupervisors });
    resources.add(toDisposable(service.addPushTarget(supervision)));

    const gateway = new AgentGateway({
      db,
      service,
      supervision,
      clock,
      log,
      pingIntervalMs: options.pingIntervalMs,
      handshakeTimeoutMs: options.handshakeTimeoutMs,
      frameLimit: options.frameRateLimit,
      notes: new HubNotes(db, clock),
    });
    resources.add(toDisposable(service.addPushTarget(gateway)));
    resources.add(toDisposable(supervision.addPushTarget(gateway)));

    const httpLimit = options.httpRateLimit === undefined ? { perSecond: 50, burst: 200 } : options.httpRateLimit;
    const startedAt = clock.now();
    const api = createIngestApi({
      service,
      secret: options.secret,
      clock,
      log,
      limiter: httpLimit ? new RateLimiter(httpLimit, clock) : null,
      health: () => ({
        uptimeSeconds: Math.round((clock.now() - startedAt) / 1000),
        connectedAgents: gateway.connectedAgents(),
        waitingHandoffs: service.router.waitingCount(),
      }),
    });
    const handler = (request: IncomingMessage, response: ServerResponse) => api(request, response);
    const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttpServer(handler);
    server.headersTimeout = 15_000;
    server.requestTimeout = 30_000;
    server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    resources.add(
      toDisposable(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    // Disposed before the server: WebSocket connections are closed first, then the listener.
    resources.add(toDisposable(() => gateway.close()));

    // Agents added or revoked by the admin CLI (another process) take effect without a restart.
    const adminPollMs = options.adminPollMs ?? 2_000;
    let dataVersion = db.pragma('data_version', { simple: true }) as number;
    let adminTimer: TimerHandle | null = null;
    const pollAdmin = () => {
      adminTimer = clock.setTimeout(() => {
        try {
          const current = db.pragma('data_version', { simple: true }) as number;
          if (current !== dataVersion) {
            dataVersion = current;
            service.reloadAgents();
            gateway.dropRevoked();
          }
        } catch (error) {
          log.error('checking for admin changes failed', error);
        }
        pollAdmin();
      }, adminPollMs);
    };
    pollAdmin();
    resources.add(toDisposable(() => (adminTimer ? clock.clearTimeout(adminTimer) : undefined)));

    // Agents who stay away do not make the event log grow without bound (see pruneUnacknowledged).
    const keepEvents = options.maxUnacknowledgedEvents ?? 10_000;
    let pruneTimer: TimerHandle | null = null;
    const prune = () => {
      pruneTimer = clock.setTimeout(() => {
        try {
          const dropped = pruneUnacknowledged(db, keepEvents);
          if (dropped > 0) log.info(`dropped ${dropped} events never acknowledged by agents who stayed away`);
        } catch (error) {
          log.error('pruning the event log failed', error);
        }
        prune();
      }, 60_000);
    };
    prune();
    resources.add(toDisposable(() => (pruneTimer ? clock.clearTimeout(pruneTimer) : undefined)));

    webhook?.start();

    const port = (server.address() as AddressInfo).port;
    const scheme = options.tls ? 'https' : 'http';
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const url = `${scheme}://${urlHost}:${port}`;
    return {
      url,
      wsUrl: `${options.tls ? 'wss' : 'ws'}://${urlHost}:${port}${HUB_WS_PATH}`,
      port,
      db,
      service,
      close: () => resources.dispose(),
    };
  } catch (error) {
    await resources.dispose().catch(() => undefined);
    throw error;
  }
}

export { signatureHeaders, computeSignature, verifySignature } from './signature';
export { generateToken, hashToken } from './token-hash';
