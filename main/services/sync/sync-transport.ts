// What the outbox sync needs from the hub connection, and its implementation over the desktop's
// HubLink (which owns the one WebSocket an agent may have open: a second one would replace it).
import type { z } from 'zod';
import { NotePullResult, NoteSyncResult, type NoteSyncChange } from '../../../shared/hub-protocol';
import { describeZodError, err, type Result } from '../../../shared/result';
import type { HubLink } from '../hub-link/hub-link';

export interface SyncTransport {
  /** True while the hub connection is open and welcomed. */
  readonly online: boolean;
  /** Fires on every change of `online`; fires with true after each welcome (a good time to pull and drain). */
  onOnlineChange(listener: (online: boolean) => void): () => void;
  syncNotes(changes: NoteSyncChange[]): Promise<Result<NoteSyncResult>>;
  pullNotes(afterVersion: number): Promise<Result<NotePullResult>>;
  sendReply(handoffId: string, messageId: string, text: string): Promise<Result<unknown>>;
}

/** Validates a result's value, so a hub speaking another version cannot feed the store a wrong shape. */
function validated<T>(schema: z.ZodType<T>, what: string) {
  return (result: Result<unknown>): Result<T> => {
    if (!result.ok) return result;
    const parsed = schema.safeParse(result.value);
    return parsed.success ? { ok: true, value: parsed.data } : err('internal', `the hub answered ${what} with an unexpected shape: ${describeZodError(parsed.error)}`);
  };
}

export function hubLinkSyncTransport(link: HubLink): SyncTransport {
  return {
    get online() {
      return link.state.status === 'open';
    },
    onOnlineChange(listener) {
      let last = link.state.status === 'open';
      const offState = link.on('state', (state) => {
        const now = state.status === 'open';
        if (now !== last && !now) listener(false);
        last = now;
      });
      // 'open' is announced with the welcome, after the link is ready to carry requests.
      const offWelcome = link.on('welcome', () => listener(true));
      return () => {
        offState();
        offWelcome();
      };
    },
    syncNotes: (changes) => link.request({ type: 'note_sync', changes }).then(validated(NoteSyncResult, 'note_sync')),
    pullNotes: (afterVersion) => link.request({ type: 'note_pull', afterVersion }).then(validated(NotePullResult, 'note_pull')),
    sendReply: (handoffId, messageId, text) => link.reply(handoffId, messageId, text),
  };
}
