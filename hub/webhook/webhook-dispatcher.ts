// Delivers the webhook outbox to the bot platform: one POST per entry, signed like ingest requests
// (hub/signature.ts), oldest first. A 2xx marks it delivered; anything else is retried with
// exponential backoff and jitter, and after maxAttempts the entry is kept as a dead letter.
// Entries survive restarts because they live in SQLite, written in the same transaction as the
// change they report.
import type { Clock, TimerHandle } from '../../shared/clock';
import type { HubLog } from '../hub-log';
import { signatureHeaders } from '../signature';
import type { HubDatabase } from '../store/database';
import { dueDeliveries, markDelivered, markFailed, nextDueAt, type OutboxEntry } from '../store/outbox-queries';

export interface WebhookRetryPolicy {
  /** Delay before the first retry; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts (the first one included) before an entry is a dead letter. */
  maxAttempts: number;
  /** A request that takes longer counts as failed. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: WebhookRetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, maxAttempts: 8, timeoutMs: 10_000 };

export interface WebhookDispatcherOptions {
  db: HubDatabase;
  url: string;
  secret: string;
  clock: Clock;
  log: HubLog;
  retry?: Partial<WebhookRetryPolicy>;
  /** 0 ≤ random() < 1; injected so tests can pin the jitter. */
  random?: () => number;
  fetch?: typeof fetch;
}

const BATCH = 20;

/** Delay before attempt number `attempts + 1`: base·2^(attempts-1), capped, with ±25 % jitter. */
export function retryDelayMs(policy: WebhookRetryPolicy, attempts: number, random: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.75 + random * 0.5));
}

export class WebhookDispatcher {
  private readonly policy: WebhookRetryPolicy;
  private readonly random: () => number;
  private readonly fetchFn: typeof fetch;
  private timer: TimerHandle | null = null;
  private timerAt = Infinity;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Starts delivering what the outbox holds (including entries left by a previous run). */
  start(): void {
    this.notify();
  }

  /** New entries were committed: deliver now. */
  notify(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.again && !this.closed) {
        this.again = false;
        this.notify();
      } else {
        this.scheduleNext();
      }
    });
  }

  /** Resolves once the current delivery round (if any) has finished: for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    for (const controller of this.inFlight) controller.abort();
    await this.running?.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const due = dueDeliveries(this.options.db, this.options.clock.now(), BATCH);
      if (due.length === 0) return;
      for (const entry of due) {
        if (this.closed) return;
        await this.deliver(entry);
      }
    }
  }

  private async deliver(entry: OutboxEntry): Promise<void> {
    const { db, clock, log } = this.options;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.policy.timeoutMs);
    let failure: string | null = null;
    try {
      const response = await this.fetchFn(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(this.options.secret, entry.body, clock.now()) },
        body: entry.body,
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status < 200 || response.status >= 300) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = controller.signal.aborted ? (this.closed ? 'hub shutting down' : `no answer within ${this.policy.timeoutMs} ms`) : describe(error);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (this.closed && failure === 'hub shutting down') return;
    try {
      if (failure === null) {
        markDelivered(db, entry.id, clock.now());
        return;
      }
      const attempts = entry.attempts + 1;
      if (attempts >= this.policy.maxAttempts) {
        markFailed(db, entry.id, failure, null);
        log.error(`webhook delivery ${entry.deliveryId} failed ${attempts} times (${failure}); kept as a dead letter`);
      } else {
        markFailed(db, entry.id, failure, clock.now() + retryDelayMs(this.policy, attempts, this.random()));
        log.warn(`webhook delivery ${entry.deliveryId} failed (${failure}); retry ${attempts}/${this.policy.maxAttempts - 1} scheduled`);
      }
    } catch (error) {
      // The database is closing under us: the entry stays pending and is retried on the next start.
      log.warn('recording a webhook delivery failed', error);
    }
  }

  private scheduleNext(): void {
    if (this.closed) return;
    let at: number | null;
    try {
      at = nextDueAt(this.options.db);
    } catch {
      return;
    }
    if (at === null) return;
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = this.options.clock.setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.notify();
      },
      Math.max(0, at - this.options.clock.now()),
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
