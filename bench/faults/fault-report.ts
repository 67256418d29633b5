// What every fault scenario reports in bench/faults.json, and the small helpers they share.
import { mulberry32 } from '../../shared/seeded-random';
export interface FaultReport {
  name: string;
  /** Items the scenario sent or wrote (requests, offers, notes, frames). */
  sent: number;
  /** Acknowledged items found where they must be afterwards. */
  kept: number;
  /** Acknowledged items missing afterwards: must be 0. */
  lost: number;
  /** Items stored, offered or shown more than once. */
  duplicated: number;
  /** From the fault's end (restart, reconnect, hub back) until everything was delivered again. */
  recoverMs: number;
  passed: boolean;
  /** What happened, in a sentence, with the figures that are not counts of items. */
  detail: string;
}

export interface FaultOptions {
  quick: boolean;
  log?: (line: string) => void;
}

export interface FaultScenario {
  name: string;
  run(options: FaultOptions): Promise<FaultReport>;
}

/** Reproducible randomness, so a failing run can be replayed from its seed. */
export const prng = mulberry32;

/** Polls `check` until it holds; the scenarios wait on real processes and sockets, not on a clock. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function report(fields: Omit<FaultReport, 'passed'> & { passed?: boolean }): FaultReport {
  return { ...fields, recoverMs: Math.round(fields.recoverMs), passed: (fields.passed ?? true) && fields.lost === 0 && fields.duplicated === 0 };
}
