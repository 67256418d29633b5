// Drives a hub like a bot platform would: signed handoff POSTs at a steady rate (open loop, so a
// slow hub shows up as latency, not as a politely slower simulator), later customer messages for
// some of them, retries of transient failures (network errors, 408, 429, 5xx) with exponential
// backoff and jitter. Timers go through an injected Clock; the network is real.
import { systemClock, type Clock } from '../../shared/clock';
import { HandoffAccepted, INGEST_PATHS } from '../../shared/ingest';
import { signatureHeaders } from '../signature';
import { generateCustomerMessage } from './customer-follow-up';
import { generateHandoff } from './generate-handoff';
import { createRng } from './random';

export type SimulatorEvent =
  | { type: 'handoff_accepted'; index: number; eventId: string; handoffId: string; status: string; duplicate: boolean; attempts: number }
  | { type: 'handoff_failed'; index: number; eventId: string; error: string; httpStatus?: number }
  | { type: 'message_accepted'; index: number; eventId: string; conversation: string }
  | { type: 'message_failed'; index: number; eventId: string; error: string; httpStatus?: number }
  | { type: 'retry'; what: 'handoff' | 'message'; eventId: string; attempt: number; delayMs: number; error: string };

export interface SimulatorOptions {
  hubUrl: string;
  secret: string;
  count: number;
  /** Handoffs per second. */
  rate: number;
  seed: number;
  /** Post later customer messages for some handoffs (default true). */
  followUpMessages?: boolean;
  /** Share of accepted handoffs that get follow-up messages (default 0.4). */
  followUpShare?: number;
  /** Delay range before each follow-up message, ms (default 2-12 s). */
  followUpDelayMs?: readonly [number, number];
  /** Attempts per request including the first (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to 10 s (default 250 ms). */
  retryBaseMs?: number;
  /** Requests allowed in flight at once (default 64). */
  maxInFlight?: number;
  /** Id prefix; defaults to `sim-<seed>`, so re-running a seed repeats its event ids (the hub dedupes). */
  idPrefix?: string;
  signal?: AbortSignal;
  onEvent?: (event: SimulatorEvent) => void;
  clock?: Clock;
}

export interface SimulatorSummary {
  /** Handoffs sent (each counted once, however many attempts it took). */
  posted: number;
  /** Handoffs the hub answered with 2xx (duplicates included). */
  accepted: number;
  duplicates: number;
  failed: number;
  /** Handoffs whose request was still in flight when the run was aborted. */
  cancelled: number;
  messagesPosted: number;
  messagesAccepted: number;
  messagesFailed: number;
  retries: number;
  durationMs: number;
  aborted: boolean;
}

type PostResult = { ok: true; status: number; body: unknown; attempts: number } | { ok: false; error: string; status?: number };

export function validateSimulatorOptions(options: SimulatorOptions): string[] {
  const errors: string[] = [];
  try {
    const url = new URL(options.hubUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') errors.push(`hubUrl: use http:// or https:// (got ${url.protocol})`);
  } catch {
    errors.push(`hubUrl: "${options.hubUrl}" is not a URL`);
  }
  if (!options.secret) errors.push('secret: must not be empty');
  if (!Number.isInteger(options.count) || options.count < 0) errors.push(`count: must be a whole number ≥ 0 (got ${options.count})`);
  if (!(options.rate > 0) || !Number.isFinite(options.rate)) errors.push(`rate: must be a number > 0 (got ${options.rate})`);
  if (!Number.isInteger(options.seed)) errors.push(`seed: must be a whole number (got ${options.seed})`);
  return errors;
}

export async function runSimulator(options: SimulatorOptions): Promise<SimulatorSummary> {
  const problems = validateSimulatorOptions(options);
  if (problems.length > 0) throw new Error(`invalid simulator options: ${problems.join('; ')}`);
  const clock = options.clock ?? systemClock;
  const signal = options.signal;
  const base = options.hubUrl.replace(/\/+$/, '');
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const retryBaseMs = options.retryBaseMs ?? 250;
  const maxInFlight = Math.max(1, options.maxInFlight ?? 64);
  const followUps = options.followUpMessages ?? true;
  const followUpShare = options.followUpShare ?? 0.4;
  const [delayMin, delayMax] = options.followUpDelayMs ?? [2_000, 12_000];
  const idPrefix = options.idPrefix ?? `sim-${options.seed}`;
  const emit = (event: SimulatorEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A failing progress printer must not stop the traffic.
    }
  };
  // Separate streams: whether follow-ups are on never changes which handoffs a seed produces.
  const handoffRng = createRng(options.seed);
  const followUpRng = createRng((options.seed ^ 0x9e3779b9) >>> 0);
  const startedAt = clock.now();
  const summary: SimulatorSummary = {
    posted: 0,
    accepted: 0,
    duplicates: 0,
    failed: 0,
    cancelled: 0,
    messagesPosted: 0,
    messagesAccepted: 0,
    messagesFailed: 0,
    retries: 0,
    durationMs: 0,
    aborted: false,
  };

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const onAbort = () => {
        clock.clearTimeout(handle);
        resolve();
      };
      const handle = clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async function post(path: string, payload: unknown, what: 'handoff' | 'message', eventId: string): Promise<PostResult> {
    const body = JSON.stringify(payload);
    let lastError = '';
    let lastStatus: number | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (signal?.aborted) return { ok: false, error: 'aborted' };
      try {
        const response = await fetch(base + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signatureHeaders(options.secret, body, clock.now()) },
          body,
          signal,
        });
        const text = await response.text();
        let json: unknown = undefined;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        if (response.ok) return { ok: true, status: response.status, body: json, attempts: attempt };
        lastStatus = response.status;
        const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? text.slice(0, 200);
        lastError = `HTTP ${response.status}: ${message}`;
        const transient = response.status === 408 || response.status === 429 || response.status >= 500;
        if (!transient) return { ok: false, error: lastError, status: response.status };
      } catch (error) {
        if (signal?.aborted) return { ok: false, error: 'aborted' };
        lastStatus = undefined;
        lastError = (error as Error).cause ? String((error as Error).cause) : (error as Error).message;
      }
      if (attempt < maxAttempts) {
        const delayMs = Math.round(Math.min(retryBaseMs * 2 ** (attempt - 1), 10_000) * (0.5 + Math.random()));
        summary.retries++;
        emit({ type: 'retry', what, eventId, attempt, delayMs, error: lastError });
        await sleep(delayMs);
      }
    }
    return { ok: false, error: `gave up after ${maxAttempts} attempts: ${lastError}`, ...(lastStatus ? { status: lastStatus } : {}) };
  }

  // Handoff POSTs count against maxInFlight; follow-up conversations, which mostly sleep between
  // messages, are kept apart so they never throttle the handoff rate.
  const inFlight = new Set<Promise<void>>();
  const followUpsRunning = new Set<Promise<void>>();
  const track = (set: Set<Promise<void>>, work: Promise<void>) => {
    set.add(work);
    void work.finally(() => set.delete(work));
  };

  interface FollowUpPlan {
    delays: number[];
    seeds: number[];
  }

  /** Drawn before any await, so the plan for handoff N depends only on the seed, not on timing. */
  function planFollowUps(): FollowUpPlan | null {
    if (!followUps || !followUpRng.chance(followUpShare)) return null;
    const messages = followUpRng.int(1, 3);
    return {
      delays: Array.from({ length: messages }, () => followUpRng.int(delayMin, Math.max(delayMin, delayMax))),
      seeds: Array.from({ length: messages }, () => followUpRng.int(0, 2 ** 31)),
    };
  }

  async function sendFollowUps(index: number, request: ReturnType<typeof generateHandoff>, conversation: string, plan: FollowUpPlan): Promise<void> {
    for (let k = 0; k < plan.delays.length; k++) {
      await sleep(plan.delays[k]!);
      if (signal?.aborted) return;
      const message = generateCustomerMessage(createRng(plan.seeds[k]!), request, { now: clock.now(), sequence: k });
      summary.messagesPosted++;
      const path = INGEST_PATHS.messages.replace(':id', encodeURIComponent(conversation));
      const result = await post(path, message, 'message', message.eventId);
      if (!result.ok && signal?.aborted) return;
      if (result.ok) {
        summary.messagesAccepted++;
        emit({ type: 'message_accepted', index, eventId: message.eventId, conversation });
      } else {
        summary.messagesFailed++;
        emit({ type: 'message_failed', index, eventId: message.eventId, error: result.error, ...(result.status ? { httpStatus: result.status } : {}) });
      }
    }
  }

  async function sendHandoff(index: number): Promise<void> {
    const request = generateHandoff(handoffRng, index, { now: clock.now(), idPrefix });
    const plan = planFollowUps();
    summary.posted++;
    const result = await post(INGEST_PATHS.handoffs, request, 'handoff', request.eventId);
    if (!result.ok && signal?.aborted) {
      summary.cancelled++;
      return;
    }
    if (!result.ok) {
      summary.failed++;
      emit({ type: 'handoff_failed', index, eventId: request.eventId, error: result.error, ...(result.status ? { httpStatus: result.status } : {}) });
      return;
    }
    summary.accepted++;
    const answer = HandoffAccepted.safeParse(result.body);
    const handoffId = answer.success ? answer.data.handoffId : request.conversation.externalId;
    const duplicate = answer.success && answer.data.duplicate;
    if (duplicate) summary.duplicates++;
    emit({
      type: 'handoff_accepted',
      index,
      eventId: request.eventId,
      handoffId,
      status: answer.success ? answer.data.status : `HTTP ${result.status}`,
      duplicate,
      attempts: result.attempts,
    });
    if (plan && !duplicate) track(followUpsRunning, sendFollowUps(index, request, handoffId, plan));
  }

  const intervalMs = 1000 / options.rate;
  for (let index = 0; index < options.count; index++) {
    if (signal?.aborted) break;
    const dueAt = startedAt + index * intervalMs;
    const wait = dueAt - clock.now();
    if (wait > 0) await sleep(wait);
    if (signal?.aborted) break;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    // Generation happens in launch order, so the sequence of requests depends only on the seed.
    track(inFlight, sendHandoff(index));
  }
  while (inFlight.size > 0) await Promise.race(inFlight);
  while (followUpsRunning.size > 0) await Promise.race(followUpsRunning);
  summary.aborted = signal?.aborted ?? false;
  summary.durationMs = clock.now() - startedAt;
  return summary;
}
