// Runs an AlertPolicy against a Clock: every event is stamped with clock.now(), the resulting
// actions go to the sink (the Electron glue), and one timer wakes the policy at its next deadline
// (a re-alert, a ladder step, the lead's page, a timeout). With ManualClock, tests drive it exactly.
import type { Clock, TimerHandle } from '../../../shared/clock';
import type { Disposable } from '../../../shared/lifecycle';
import type { AlertAction, AlertEvent, AlertPolicy } from './alert-policy';

export type AlertSink = (actions: AlertAction[]) => void;

export class AlertScheduler implements Disposable {
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(
    private readonly policy: AlertPolicy,
    private readonly clock: Clock,
    private readonly sink: AlertSink,
  ) {}

  dispatch(event: AlertEvent): void {
    if (this.disposed) return;
    const actions = this.policy.handle(event, this.clock.now());
    if (actions.length > 0) this.sink(actions);
    this.reschedule(event.type === 'tick');
  }

  private reschedule(afterTick: boolean): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
    const wakeAt = this.policy.nextWakeAt();
    if (wakeAt === null || this.disposed) return;
    // A deadline still due right after a tick would spin; 1 ms later time has moved on.
    const delay = Math.max(afterTick ? 1 : 0, wakeAt - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.dispatch({ type: 'tick' });
    }, delay);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
