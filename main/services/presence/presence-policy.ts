// Presence from the operating system (Electron's powerMonitor): a locked screen, a suspended
// machine or N idle minutes make the agent Away, so the router stops offering them handoffs; when
// every such signal has cleared they return to the status they had. A choice the agent makes by
// hand always wins: it replaces the remembered status and clears the automatic Away, and an agent
// who chose Away or Offline is never switched to anything by the OS. Pure; the glue mirrors
// `effective` to the hub (presence:set) whenever `changed` is true.
import type { Presence } from '../../../shared/domain';

export type AwayReason = 'locked' | 'suspended' | 'idle';

export type PresenceSignal =
  | { type: 'manual'; presence: Presence }
  | { type: 'screen-locked' }
  | { type: 'screen-unlocked' }
  | { type: 'suspended' }
  | { type: 'resumed' }
  /** powerMonitor.getSystemIdleTime(), sampled by the glue (e.g. every 30 s). */
  | { type: 'idle-sample'; idleSeconds: number };

export type PresenceState = {
  /** What the agent chose last (or the initial status). */
  readonly chosen: Presence;
  /** OS signals currently holding the agent Away. */
  readonly awayReasons: ReadonlySet<AwayReason>;
};

export const DEFAULT_IDLE_MINUTES = 5;

export function initialPresence(chosen: Presence): PresenceState {
  return { chosen, awayReasons: new Set() };
}

/** The status Baton reports: Away while an OS signal holds, unless the agent chose Away/Offline. */
export function effectivePresence(state: PresenceState): Presence {
  if (state.chosen === 'away' || state.chosen === 'offline') return state.chosen;
  return state.awayReasons.size > 0 ? 'away' : state.chosen;
}

/** Why the OS holds the agent Away, the most telling reason first; null when it does not. */
export function awayReasonOf(state: PresenceState): AwayReason | null {
  if (effectivePresence(state) !== 'away' || state.chosen === 'away') return null;
  for (const reason of ['locked', 'suspended', 'idle'] as const) if (state.awayReasons.has(reason)) return reason;
  return null;
}

export function applyPresenceSignal(
  state: PresenceState,
  signal: PresenceSignal,
  idleMinutes: number = DEFAULT_IDLE_MINUTES,
): { state: PresenceState; effective: Presence; changed: boolean } {
  const before = effectivePresence(state);
  const reasons = new Set(state.awayReasons);
  let chosen = state.chosen;
  switch (signal.type) {
    case 'manual':
      chosen = signal.presence;
      reasons.clear();
      break;
    case 'screen-locked':
      reasons.add('locked');
      break;
    case 'screen-unlocked':
      reasons.delete('locked');
      break;
    case 'suspended':
      reasons.add('suspended');
      break;
    case 'resumed':
      reasons.delete('suspended');
      break;
    case 'idle-sample': {
      const seconds = Number.isFinite(signal.idleSeconds) ? Math.max(0, signal.idleSeconds) : 0;
      if (seconds >= Math.max(1, idleMinutes) * 60) reasons.add('idle');
      else reasons.delete('idle');
      break;
    }
  }
  const next: PresenceState = { chosen, awayReasons: reasons };
  const effective = effectivePresence(next);
  return { state: next, effective, changed: effective !== before };
}
