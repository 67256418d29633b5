// The auto-update policy, pure: what the updater is doing (a reducer over electron-updater's
// events) and whether Baton may restart into a downloaded update. The one rule that matters to an
// agent: Baton never restarts while they have an accepted conversation or an offer waiting. A
// downloaded update installs when they quit, or when they pick "Restart now" with nothing open.
// A failed check, download or install is reported and the running app carries on.
import { z } from 'zod';

export const UpdateStatus = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disabled'), reason: z.string() }),
  z.object({ kind: z.literal('idle'), lastCheckedAt: z.number().nullable() }),
  z.object({ kind: z.literal('checking') }),
  z.object({ kind: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100), bytesPerSecond: z.number().min(0) }),
  /** Downloaded and verified; installs on quit or "Restart now". */
  z.object({ kind: z.literal('ready'), version: z.string() }),
  z.object({ kind: z.literal('failed'), stage: z.enum(['check', 'download', 'install']), message: z.string(), at: z.number() }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

/** electron-updater's events, reduced to what the policy needs (the glue translates). */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'not-available'; at: number }
  | { type: 'progress'; percent: number; bytesPerSecond: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string; at: number }
  | { type: 'install-failed'; message: string; at: number }
  | { type: 'disabled'; reason: string };

const MAX_MESSAGE = 300;

export function reduceUpdateStatus(status: UpdateStatus, event: UpdaterEvent): UpdateStatus {
  if (status.kind === 'disabled' && event.type !== 'disabled') return status;
  switch (event.type) {
    case 'disabled':
      return { kind: 'disabled', reason: event.reason };
    case 'checking':
      // A periodic check must not hide an update that is already downloaded.
      return status.kind === 'ready' ? status : { kind: 'checking' };
    case 'available':
      return status.kind === 'ready' && status.version === event.version ? status : { kind: 'downloading', version: event.version, percent: 0, bytesPerSecond: 0 };
    case 'not-available':
      return status.kind === 'ready' ? status : { kind: 'idle', lastCheckedAt: event.at };
    case 'progress': {
      if (status.kind !== 'downloading') return status;
      const percent = Number.isFinite(event.percent) ? Math.min(100, Math.max(0, event.percent)) : status.percent;
      return { ...status, percent, bytesPerSecond: Math.max(0, event.bytesPerSecond || 0) };
    }
    case 'downloaded':
      return { kind: 'ready', version: event.version };
    case 'error': {
      // An error while a good download waits (e.g. a later check failed) keeps the download.
      if (status.kind === 'ready') return status;
      const stage = status.kind === 'downloading' ? 'download' : 'check';
      return { kind: 'failed', stage, message: event.message.slice(0, MAX_MESSAGE), at: event.at };
    }
    case 'install-failed':
      return { kind: 'failed', stage: 'install', message: event.message.slice(0, MAX_MESSAGE), at: event.at };
  }
}

/** The agent's open work, from the inbox. */
export type OpenWork = { acceptedConversations: number; waitingOffers: number };

export type RestartTrigger = 'restart-now' | 'app-quit';

export type RestartDecision =
  | { action: 'install-and-restart' }
  /** Quit as asked; electron-updater installs on the way out (autoInstallOnAppQuit). */
  | { action: 'install-on-quit' }
  | { action: 'quit' }
  | { action: 'refuse'; reason: string };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function decideRestart(status: UpdateStatus, work: OpenWork, trigger: RestartTrigger): RestartDecision {
  if (trigger === 'app-quit') return status.kind === 'ready' ? { action: 'install-on-quit' } : { action: 'quit' };
  if (status.kind !== 'ready') return { action: 'refuse', reason: 'no update is ready to install' };
  const busy: string[] = [];
  if (work.acceptedConversations > 0) busy.push(plural(work.acceptedConversations, 'accepted conversation'));
  if (work.waitingOffers > 0) busy.push(plural(work.waitingOffers, 'waiting offer'));
  if (busy.length > 0) return { action: 'refuse', reason: `Not now: you have ${busy.join(' and ')}. The update installs when you quit, or restart once they are done.` };
  return { action: 'install-and-restart' };
}

/** Whether to show "Restart now" (enabled) in Settings and the tray. */
export function canOfferRestart(status: UpdateStatus, work: OpenWork): boolean {
  return decideRestart(status, work, 'restart-now').action === 'install-and-restart';
}

export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;
export const RETRY_AFTER_FAILURE_MS = 30 * 60 * 1000;

/** When to check again: soon after a failure, every few hours otherwise, never when disabled or ready. */
export function nextCheckAt(status: UpdateStatus, now: number): number | null {
  switch (status.kind) {
    case 'disabled':
    case 'ready':
    case 'checking':
    case 'downloading':
      return null;
    case 'failed':
      return status.at + RETRY_AFTER_FAILURE_MS;
    case 'idle':
      return (status.lastCheckedAt ?? now) + (status.lastCheckedAt === null ? 0 : CHECK_INTERVAL_MS);
  }
}
