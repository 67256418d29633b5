// The current time for countdowns and waiting times, ticking once a second from an injected clock
// so tests move it by hand. One ticker for the whole screen instead of a timer per row.
import { create } from 'zustand';
import type { Clock, TimerHandle } from '../../shared/clock';

export interface NowState {
  now: number;
  ticked(now: number): void;
}

export const useNowStore = create<NowState>()((set) => ({
  now: Date.now(),
  ticked: (now) => set({ now }),
}));

export const selectNow = (s: NowState) => s.now;

/** Starts ticking; returns the function that stops it. */
export function startTicking(clock: Clock, intervalMs = 1_000): () => void {
  let handle: TimerHandle | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    useNowStore.getState().ticked(clock.now());
    // Align to the next whole interval so every countdown on screen changes together.
    const delay = intervalMs - (clock.now() % intervalMs) || intervalMs;
    handle = clock.setTimeout(tick, delay);
  };
  tick();
  return () => {
    stopped = true;
    if (handle) clock.clearTimeout(handle);
  };
}
