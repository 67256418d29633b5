// Token buckets per client (an IP for HTTP, a connection for WebSocket frames): each client may
// burst up to `burst` requests, refilled at `perSecond`. Time comes from the injected Clock.
import type { Clock } from '../shared/clock';

export interface RateLimit {
  perSecond: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets idle long enough to be full again are forgotten, so memory stays bounded. */
const MAX_TRACKED = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {}

  /** Takes one token for the client; false means the client is over its limit. */
  take(client: string): boolean {
    const now = this.clock.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_TRACKED) this.prune(now);
      bucket = { tokens: this.limit.burst, at: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond);
      bucket.at = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Seconds until the client has a token again (for Retry-After). */
  retryAfterSeconds(client: string): number {
    const bucket = this.buckets.get(client);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil((1 - bucket.tokens) / this.limit.perSecond);
  }

  forget(client: string): void {
    this.buckets.delete(client);
  }

  private prune(now: number): void {
    const fullAfterMs = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [client, bucket] of this.buckets) if (now - bucket.at >= fullAfterMs) this.buckets.delete(client);
    if (this.buckets.size >= MAX_TRACKED) this.buckets.clear();
  }
}
