// Glue from Electron's powerMonitor to the pure presence policy (main/services/presence): lock,
// unlock, suspend, resume and a periodic idle sample become presence signals; each change of the
// effective presence is handed to `report` (which mirrors it to the hub with presence:set).
// Type-checked only (the Electron binary is absent here).
import { powerMonitor } from 'electron';
import type { Clock, TimerHandle } from '../../shared/clock';
import type { Presence } from '../../shared/domain';
import type { Disposable } from '../../shared/lifecycle';
import {
  applyPresenceSignal,
  awayReasonOf,
  DEFAULT_IDLE_MINUTES,
  initialPresence,
  type AwayReason,
  type PresenceSignal,
  type PresenceState,
} from '../services/presence/presence-policy';

const IDLE_SAMPLE_MS = 30_000;

export interface PresenceMonitor extends Disposable {
  /** The agent chose a status (app or tray); it wins over the OS. */
  choose(presence: Presence): void;
}

export function createPresenceMonitor(options: {
  initial: Presence;
  clock: Clock;
  idleMinutes?: number;
  /** `reason` is set when the OS made the agent Away (the header says "Away — screen locked"). */
  report(presence: Presence, reason: AwayReason | null): void;
}): PresenceMonitor {
  let state: PresenceState = initialPresence(options.initial);
  let timer: TimerHandle | null = null;
  const apply = (signal: PresenceSignal) => {
    const result = applyPresenceSignal(state, signal, options.idleMinutes ?? DEFAULT_IDLE_MINUTES);
    state = result.state;
    if (result.changed) options.report(result.effective, awayReasonOf(state));
  };
  const listeners: Array<[string, () => void]> = [
    ['lock-screen', () => apply({ type: 'screen-locked' })],
    ['unlock-screen', () => apply({ type: 'screen-unlocked' })],
    ['suspend', () => apply({ type: 'suspended' })],
    ['resume', () => apply({ type: 'resumed' })],
  ];
  for (const [event, listener] of listeners) powerMonitor.on(event as 'lock-screen', listener);
  const sample = () => {
    apply({ type: 'idle-sample', idleSeconds: powerMonitor.getSystemIdleTime() });
    timer = options.clock.setTimeout(sample, IDLE_SAMPLE_MS);
  };
  timer = options.clock.setTimeout(sample, IDLE_SAMPLE_MS);
  return {
    choose: (presence) => apply({ type: 'manual', presence }),
    dispose() {
      if (timer) options.clock.clearTimeout(timer);
      timer = null;
      for (const [event, listener] of listeners) powerMonitor.removeListener(event as 'lock-screen', listener);
    },
  };
}
