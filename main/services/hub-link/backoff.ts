// Reconnect delays: exponential growth capped at a maximum, with random jitter so that a hub
// restart is not followed by every desktop reconnecting in the same millisecond.
export interface BackoffPolicy {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Largest delay, before jitter. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/**
 * Delay before retry number `attempt` (0-based). `random` returns [0, 1); the result lies in
 * [half, full] of the capped exponential delay ("equal jitter"): never zero, never above the cap.
 */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(capped / 2 + (capped / 2) * r);
}
