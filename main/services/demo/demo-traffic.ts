// The simulated bot platform of demo mode: a few handoffs at once, then one every so often
// (random within a window), up to a cap, so a newcomer sees work arrive without being buried.
// The scheduling is pure over an injected clock and random; posting is passed in.
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { Disposable } from '../../../shared/lifecycle';
import type { Logger } from '../logger';

export interface DemoTrafficPlan {
  burst: number;
  trickleMinMs: number;
  trickleMaxMs: number;
  cap: number;
}

/** Posts `count` handoffs; resolves when the hub has answered them. */
export type PostHandoffs = (count: number) => Promise<void>;

export class DemoTrafficScheduler implements Disposable {
  private posted = 0;
  private timer: TimerHandle | null = null;
  private stopped = false;
  private started = false;

  constructor(
    private readonly plan: DemoTrafficPlan,
    private readonly post: PostHandoffs,
    private readonly clock: Clock,
    private readonly random: () => number,
    private readonly log: Logger,
  ) {}

  get postedSoFar(): number {
    return this.posted;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const burst = Math.min(this.plan.burst, this.plan.cap);
    void this.send(burst).then(() => this.scheduleNext());
  }

  /** The delay before the next trickle handoff, in [min, max]. */
  nextDelay(): number {
    const { trickleMinMs: min, trickleMaxMs: max } = this.plan;
    return Math.round(min + (max - min) * Math.min(Math.max(this.random(), 0), 1));
  }

  dispose(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private scheduleNext(): void {
    if (this.stopped || this.posted >= this.plan.cap) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.send(1).then(() => this.scheduleNext());
    }, this.nextDelay());
  }

  private async send(count: number): Promise<void> {
    if (this.stopped || count <= 0) return;
    this.posted += count;
    try {
      await this.post(count);
    } catch (error) {
      if (!this.stopped) this.log.warn(`demo: the simulated bot platform could not post: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
