// Keeps a lead's live view current: whenever the hub reports a change a lead cares about (a receipt,
// an agent's presence or load, a handoff update, an alert, a raised hand) the feed asks the hub
// for a fresh snapshot, at most once per `minIntervalMs` (changes in between are folded into the
// next ask), plus a slow heartbeat so waiting times and predicted breaches move on their own.
// Asking again beats applying deltas here: the hub's snapshot is the single source of truth and a
// reconnect cannot leave the view half-updated.
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { Disposable } from '../../../shared/lifecycle';
import { describeZodError } from '../../../shared/result';
import { SupervisorSnapshot } from '../../../shared/supervision';
import type { HubLink } from '../hub-link/hub-link';
import type { Logger } from '../logger';

export interface SupervisorFeedOptions {
  link: HubLink;
  clock: Clock;
  log: Logger;
  onSnapshot(snapshot: SupervisorSnapshot): void;
  minIntervalMs?: number;
  heartbeatMs?: number;
}

const CHANGE_EVENTS = ['receipt', 'agent_updated', 'handoff_updated', 'supervisor_alert', 'raised_hand', 'welcome'] as const;

export class SupervisorFeed implements Disposable {
  private readonly minIntervalMs: number;
  private readonly heartbeatMs: number;
  private readonly unsubscribe: Array<() => void>;
  private timer: TimerHandle | null = null;
  private heartbeat: TimerHandle | null = null;
  private inFlight = false;
  private dirty = false;
  private lastAskedAt = -Infinity;
  private latest: SupervisorSnapshot | null = null;
  private disposed = false;

  constructor(private readonly options: SupervisorFeedOptions) {
    this.minIntervalMs = options.minIntervalMs ?? 1_000;
    this.heartbeatMs = options.heartbeatMs ?? 5_000;
    this.unsubscribe = CHANGE_EVENTS.map((name) => options.link.on(name, () => this.changed()));
    this.scheduleHeartbeat();
  }

  get snapshot(): SupervisorSnapshot | null {
    return this.latest;
  }

  /** Something changed at the hub: refresh soon (now, if the last ask was long enough ago). */
  changed(): void {
    if (this.disposed || !this.isLead()) return;
    this.dirty = true;
    if (this.inFlight || this.timer) return;
    const wait = Math.max(0, this.lastAskedAt + this.minIntervalMs - this.options.clock.now());
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, wait);
  }

  /** Asks the hub now; resolves with the snapshot (also pushed to onSnapshot), or null if refused. */
  async refresh(): Promise<SupervisorSnapshot | null> {
    if (this.disposed) return null;
    this.dirty = false;
    this.inFlight = true;
    this.lastAskedAt = this.options.clock.now();
    try {
      const result = await this.options.link.request({ type: 'supervisor_snapshot' });
      if (!result.ok) {
        this.options.log.warn(`supervision: the hub refused a snapshot: ${result.error.code}: ${result.error.message}`);
        return null;
      }
      const parsed = SupervisorSnapshot.safeParse(result.value);
      if (!parsed.success) {
        this.options.log.warn(`supervision: ignored a malformed snapshot: ${describeZodError(parsed.error)}`);
        return null;
      }
      this.latest = parsed.data;
      if (!this.disposed) this.options.onSnapshot(parsed.data);
      return parsed.data;
    } finally {
      this.inFlight = false;
      if (this.dirty) this.changed();
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.unsubscribe) off();
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    if (this.heartbeat) this.options.clock.clearTimeout(this.heartbeat);
    this.timer = null;
    this.heartbeat = null;
  }

  private isLead(): boolean {
    return this.options.link.agent?.role === 'supervisor' && this.options.link.state.status === 'open';
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.options.clock.setTimeout(() => {
      this.heartbeat = null;
      if (this.disposed) return;
      this.changed();
      this.scheduleHeartbeat();
    }, this.heartbeatMs);
  }
}
