// Table-driven: a sequence of OS signals and manual choices → the presence reported after each.
import { describe, expect, it, test } from 'vitest';
import type { Presence } from '../../../shared/domain';
import { applyPresenceSignal, awayReasonOf, initialPresence, type PresenceSignal } from './presence-policy';

const lock: PresenceSignal = { type: 'screen-locked' };
const unlock: PresenceSignal = { type: 'screen-unlocked' };
const suspend: PresenceSignal = { type: 'suspended' };
const resume: PresenceSignal = { type: 'resumed' };
const idle = (minutes: number): PresenceSignal => ({ type: 'idle-sample', idleSeconds: minutes * 60 });
const manual = (presence: Presence): PresenceSignal => ({ type: 'manual', presence });

function replay(start: Presence, signals: PresenceSignal[], idleMinutes?: number) {
  let state = initialPresence(start);
  const reported: Presence[] = [];
  const changes: boolean[] = [];
  for (const signal of signals) {
    const result = applyPresenceSignal(state, signal, idleMinutes);
    state = result.state;
    reported.push(result.effective);
    changes.push(result.changed);
  }
  return { reported, changes };
}

describe('presence policy', () => {
  it.each<[string, Presence, PresenceSignal[], Presence[], number?]>([
    ['lock → away, unlock → back to available', 'available', [lock, unlock], ['away', 'available']],
    ['lock → away, unlock → back to busy (the previous status)', 'busy', [lock, unlock], ['away', 'busy']],
    ['suspend → away, resume → back', 'available', [suspend, resume], ['away', 'available']],
    ['idle 5 min → away; activity → back', 'available', [idle(4), idle(5), idle(0)], ['available', 'away', 'available']],
    ['idle threshold is configurable', 'available', [idle(5), idle(10)], ['available', 'away'], 10],
    ['overlapping signals: back only when all have cleared', 'available', [lock, idle(6), unlock, idle(0)], ['away', 'away', 'away', 'available']],
    ['suspend while locked, resume, unlock', 'busy', [lock, suspend, resume, unlock], ['away', 'away', 'away', 'busy']],
    ['a manual choice while away wins over the automatic return', 'available', [lock, manual('busy'), unlock], ['away', 'busy', 'busy']],
    ['a manual choice clears the automatic away at once', 'available', [idle(9), manual('available')], ['away', 'available']],
    ['an agent who chose away stays away after unlock', 'away', [lock, unlock], ['away', 'away']],
    ['an agent who chose offline is never switched on by the OS', 'offline', [lock, unlock, idle(0)], ['offline', 'offline', 'offline']],
    ['a stray unlock or resume without a lock changes nothing', 'available', [unlock, resume], ['available', 'available']],
    ['garbage idle samples count as active', 'available', [{ type: 'idle-sample', idleSeconds: Number.NaN }, { type: 'idle-sample', idleSeconds: -5 }], ['available', 'available']],
  ])('%s', (_name, start, signals, expected, idleMinutes) => {
    expect(replay(start, signals, idleMinutes).reported).toEqual(expected);
  });

  it('reports a change only when the effective presence moves (so the hub is told once)', () => {
    expect(replay('available', [lock, idle(7), unlock, idle(0)]).changes).toEqual([true, false, false, true]);
  });

  it('does not mutate the state it was given', () => {
    const state = initialPresence('available');
    applyPresenceSignal(state, lock);
    expect(state.awayReasons.size).toBe(0);
  });
});

describe('awayReasonOf', () => {
  const run = (signals: PresenceSignal[], chosen: Presence = 'available') =>
    awayReasonOf(signals.reduce((state, signal) => applyPresenceSignal(state, signal, 5).state, initialPresence(chosen)));
  test.each<[string, PresenceSignal[], Presence, ReturnType<typeof awayReasonOf>]>([
    ['nothing happened', [], 'available', null],
    ['screen locked', [{ type: 'screen-locked' }], 'available', 'locked'],
    ['asleep', [{ type: 'suspended' }], 'busy', 'suspended'],
    ['idle for 5 minutes', [{ type: 'idle-sample', idleSeconds: 300 }], 'available', 'idle'],
    ['locked beats idle', [{ type: 'idle-sample', idleSeconds: 300 }, { type: 'screen-locked' }], 'available', 'locked'],
    ['unlocked, still idle', [{ type: 'idle-sample', idleSeconds: 300 }, { type: 'screen-locked' }, { type: 'screen-unlocked' }], 'available', 'idle'],
    ['back', [{ type: 'screen-locked' }, { type: 'screen-unlocked' }], 'available', null],
    ['chose Away by hand: no OS reason', [{ type: 'screen-locked' }], 'away', null],
  ])('%s', (_name, signals, chosen, expected) => {
    expect(run(signals, chosen)).toBe(expected);
  });
});
