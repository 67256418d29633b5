// Drains the outbox to the hub: in order, in frame-sized batches, one at a time, whenever the hub
// is reachable. A batch whose answer is lost is sent again unchanged; the hub recognises every
// changeId, so the retry is harmless. Refusals (forbidden, bad request) mark the change "failed"
// and the drain goes on; transport trouble stops it and retries with backoff (injected clock).
// After each welcome it first pulls notes changed on other devices, so text edited elsewhere while
// a local change waits is kept as a revision here as well as at the hub.
import { z } from 'zod';
import type { LocalNote, QueuedReply, SyncStatus } from '../../../shared/api';
import type { Clock, TimerHandle } from '../../../shared/clock';
import { Message, Note } from '../../../shared/domain';
import { MAX_NOTE_SYNC_BATCH, type HubNoteState, type NoteSyncChange, type NoteSyncOutcome } from '../../../shared/hub-protocol';
import type { Disposable } from '../../../shared/lifecycle';
import type { ErrorCode } from '../../../shared/result';
import type { LocalStore } from '../store/local-store';
import type { NoteChange } from '../store/notes-service';
import type { OutboxEntry } from '../store/outbox-repository';
import { silentStoreLog, type StoreLog } from '../store/store-log';
import type { SyncTransport } from './sync-transport';

export const PULLED_VERSION_SETTING = 'sync.notesPulledVersion';
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** JSON size of one batch; keeps the note_sync frame well under MAX_FRAME_BYTES (256 KiB). */
const DEFAULT_BATCH_BYTES = 160_000;
/** Errors that say "not now" rather than "never": the change stays pending and is retried. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['unavailable', 'too_many_requests', 'internal']);

const ReplyPayload = z.object({ handoffId: z.string().min(1), messageId: z.string().min(1), text: z.string().min(1).max(20_000) });
const NotePayload = z.object({ note: Note });

export interface OutboxSyncOptions {
  store: LocalStore;
  transport: SyncTransport;
  clock?: Clock;
  log?: StoreLog;
  onNoteChanged?: (change: NoteChange) => void;
  onStatus?: (status: SyncStatus) => void;
  /** A queued reply reached the hub: the hub's message (or one rebuilt from the queue) replaces the pending one. */
  onReplySent?: (handoffId: string, message: Message) => void;
  retryDelaysMs?: readonly number[];
  maxBatchChanges?: number;
  maxBatchBytes?: number;
}

export class OutboxSync implements Disposable {
  private readonly store: LocalStore;
  private readonly transport: SyncTransport;
  private readonly clock: Clock;
  private readonly log: StoreLog;
  private readonly retryDelays: readonly number[];
  private readonly offOnline: () => void;
  private online: boolean;
  private offlineSince: number | null;
  private needsPull = true;
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: TimerHandle | null = null;
  private attempt = 0;
  private disposed = false;

  constructor(private readonly options: OutboxSyncOptions) {
    this.store = options.store;
    this.transport = options.transport;
    this.clock = options.clock ?? options.store.clock;
    this.log = options.log ?? silentStoreLog;
    this.retryDelays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.online = this.transport.online;
    this.offlineSince = this.online ? null : this.clock.now();
    this.offOnline = this.transport.onOnlineChange((online) => this.onlineChanged(online));
  }

  status(): SyncStatus {
    const counts = this.store.outbox.counts();
    return {
      online: this.online,
      offlineSince: this.offlineSince === null ? null : new Date(this.offlineSince).toISOString(),
      pending: counts.pending,
      failed: counts.failed,
    };
  }

  /** Starts a drain (or notes that another pass is needed); safe to call after every local change. */
  kick(): void {
    void this.run();
  }

  /** Resolves once no drain is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Puts refused changes back in line, e.g. after the agent fixed what the hub complained about. */
  retryFailed(): SyncStatus {
    const notes = this.store.transaction('sync.retryFailed', () => {
      const noteIds = this.store.outbox
        .failedTargets()
        .filter((target) => target.kind !== 'reply')
        .map((target) => target.targetId);
      this.store.outbox.retryFailed();
      return noteIds;
    });
    this.settleNotes(new Set(notes));
    this.publishStatus();
    this.kick();
    return this.status();
  }

  /** A reply typed while the hub is unreachable: kept in the outbox, shown as not yet sent. */
  queueReply(handoffId: string, messageId: string, text: string): QueuedReply {
    const entry = this.store.transaction('sync.queueReply', () => {
      this.store.events.append(handoffId, 'reply_queued', { messageId });
      return this.store.outbox.enqueue('reply', handoffId, { handoffId, messageId, text }, messageId);
    });
    this.publishStatus();
    this.kick();
    return { messageId, text, queuedAt: new Date(entry.createdAt).toISOString(), status: 'pending', error: null };
  }

  /** Replies still waiting in the outbox for one handoff, oldest first. */
  queuedReplies(handoffId: string): QueuedReply[] {
    return this.store.outbox.ofTarget('reply', handoffId).flatMap((entry) => {
      const payload = ReplyPayload.safeParse(entry.payload);
      if (!payload.success) return [];
      return [{ messageId: payload.data.messageId, text: payload.data.text, queuedAt: new Date(entry.createdAt).toISOString(), status: entry.status, error: entry.lastError }];
    });
  }

  dispose(): void {
    this.disposed = true;
    this.offOnline();
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  // ---- the drain

  private onlineChanged(online: boolean): void {
    if (this.disposed) return;
    this.online = online;
    if (online) {
      this.offlineSince = null;
      this.needsPull = true;
      this.attempt = 0;
      this.publishStatus();
      this.kick();
    } else {
      if (this.offlineSince === null) this.offlineSince = this.clock.now();
      this.publishStatus();
    }
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          if (!this.online || this.disposed) return;
          if (this.needsPull && !(await this.pullAll())) return;
          if (!(await this.drain())) return;
        } while (this.again);
      } catch (error) {
        this.log.warn('sync: drain failed; will retry', error);
        this.scheduleRetry();
      }
    })().finally(() => {
      this.running = null;
      this.publishStatus();
    });
    return this.running;
  }

  /** Sends everything pending; false when it had to stop (offline, transport trouble). */
  private async drain(): Promise<boolean> {
    for (;;) {
      if (this.disposed || !this.online) return false;
      const batch = this.nextBatch();
      if (batch.length === 0) return true;
      const ok = batch[0]!.kind === 'reply' ? await this.sendReply(batch[0]!) : await this.sendNotes(batch);
      if (!ok) return false;
      this.attempt = 0;
      this.publishStatus();
    }
  }

  private nextBatch(): OutboxEntry[] {
    const maxChanges = this.options.maxBatchChanges ?? MAX_NOTE_SYNC_BATCH;
    const maxBytes = this.options.maxBatchBytes ?? DEFAULT_BATCH_BYTES;
    const entries = this.store.outbox.nextPending(maxChanges);
    if (entries[0]?.kind === 'reply') return [entries[0]];
    const batch: OutboxEntry[] = [];
    let bytes = 0;
    for (const entry of entries) {
      if (entry.kind === 'reply') break;
      bytes += JSON.stringify(entry.payload).length + 200;
      if (batch.length > 0 && bytes > maxBytes) break;
      batch.push(entry);
    }
    return batch;
  }

  private async sendReply(entry: OutboxEntry): Promise<boolean> {
    const payload = ReplyPayload.safeParse(entry.payload);
    if (!payload.success) {
      this.store.outbox.markFailed(entry.seq, 'the queued reply is unreadable');
      return true;
    }
    const { handoffId, messageId, text } = payload.data;
    const result = await this.transport.sendReply(handoffId, messageId, text);
    if (this.disposed) return false;
    if (!result.ok) return this.refused([entry], result.error.code, result.error.message);
    this.store.transaction('sync.replySent', () => {
      this.store.outbox.remove(entry.seq);
      this.store.events.append(handoffId, 'reply_sent', { messageId });
    });
    const fromHub = Message.safeParse((result.value as { message?: unknown } | null)?.message ?? result.value);
    const sent: Message = fromHub.success ? fromHub.data : { id: messageId, author: 'agent', text, at: new Date(this.clock.now()).toISOString() };
    this.options.onReplySent?.(handoffId, { ...sent, pending: false });
    return true;
  }

  private async sendNotes(batch: OutboxEntry[]): Promise<boolean> {
    const changes: NoteSyncChange[] = [];
    const sendable: OutboxEntry[] = [];
    const lastInBatch = new Map<string, string>();
    for (const entry of batch) {
      const payload = NotePayload.safeParse(entry.payload);
      if (!payload.success) {
        this.store.outbox.markFailed(entry.seq, 'the queued change is unreadable');
        continue;
      }
      const follows = lastInBatch.get(entry.targetId);
      changes.push({
        changeId: entry.changeId,
        op: entry.kind === 'note_delete' ? 'delete' : 'upsert',
        note: payload.data.note,
        // Computed the same way on a resend, so a retried batch is the very same request.
        baseVersion: this.store.notes.get(entry.targetId)?.hubVersion ?? null,
        ...(follows ? { followsChangeId: follows } : {}),
      });
      sendable.push(entry);
      lastInBatch.set(entry.targetId, entry.changeId);
    }
    if (changes.length === 0) return true;
    const result = await this.transport.syncNotes(changes);
    if (this.disposed) return false;
    if (!result.ok) return this.refused(sendable, result.error.code, result.error.message);
    const { outcomes } = result.value;
    if (outcomes.length !== sendable.length || outcomes.some((outcome, i) => outcome.changeId !== sendable[i]!.changeId)) {
      this.log.warn('sync: the hub answered a note batch with mismatched outcomes; will retry');
      this.scheduleRetry();
      return false;
    }
    this.applyOutcomes(sendable, outcomes);
    return true;
  }

  private refused(entries: OutboxEntry[], code: ErrorCode, message: string): boolean {
    if (TRANSIENT.has(code)) {
      this.store.outbox.recordAttempt(entries[0]!.seq, message);
      this.scheduleRetry();
      return false;
    }
    const touched = this.store.transaction('sync.refused', () => {
      for (const entry of entries) this.store.outbox.markFailed(entry.seq, `${code}: ${message}`);
      return entries.filter((entry) => entry.kind !== 'reply').map((entry) => entry.targetId);
    });
    this.settleNotes(new Set(touched));
    return true;
  }

  private applyOutcomes(entries: OutboxEntry[], outcomes: NoteSyncOutcome[]): void {
    const touched = new Set<string>();
    this.store.transaction('sync.applyOutcomes', () => {
      outcomes.forEach((outcome, i) => {
        const entry = entries[i]!;
        touched.add(entry.targetId);
        if (!outcome.ok) {
          this.store.outbox.markFailed(entry.seq, `${outcome.error.code}: ${outcome.error.message}`);
          return;
        }
        this.store.outbox.remove(entry.seq);
        const note = this.store.notes.get(entry.targetId);
        if (note && (note.hubVersion ?? 0) < outcome.hubVersion) this.store.notes.setBaseVersion(entry.targetId, outcome.hubVersion);
      });
    });
    this.settleNotes(touched);
  }

  /** Sets each note's status from what is left in the outbox for it, and tells the UI. */
  private settleNotes(noteIds: Set<string>): void {
    const changes: NoteChange[] = [];
    this.store.transaction('sync.settleNotes', () => {
      for (const noteId of noteIds) {
        const note = this.store.notes.get(noteId);
        if (!note) continue;
        const waiting = this.store.outbox.countsFor(noteId);
        if (waiting.failed > 0) {
          this.store.notes.setSyncStatus(noteId, 'failed', this.store.outbox.lastError(noteId) ?? 'refused by the hub');
        } else if (waiting.pending === 0) {
          // A deletion the hub has confirmed needs no local tombstone any more.
          if (note.deleted) this.store.notes.hardDelete(noteId);
          else this.store.notes.setSyncStatus(noteId, 'synced');
        } else {
          this.store.notes.setSyncStatus(noteId, 'pending');
        }
        const after = this.store.notes.get(noteId);
        changes.push({ note: stripDeleted(after ?? { ...note, syncStatus: 'synced' }), deleted: note.deleted });
      }
    });
    for (const change of changes) this.options.onNoteChanged?.(change);
  }

  // ---- pulling what other devices wrote

  private async pullAll(): Promise<boolean> {
    let after = this.store.settings.get(PULLED_VERSION_SETTING, z.number().int().min(0), 0);
    for (;;) {
      const result = await this.transport.pullNotes(after);
      if (this.disposed) return false;
      if (!result.ok) {
        if (!TRANSIENT.has(result.error.code)) {
          // An older hub without notes: nothing to pull, but pushing may still work or fail visibly.
          this.log.warn(`sync: pulling notes was refused: ${result.error.message}`);
          this.needsPull = false;
          return true;
        }
        this.scheduleRetry();
        return false;
      }
      const page = result.value;
      const changes = this.store.transaction('sync.pull', () => {
        const applied = page.notes.map((state) => this.applyRemote(state)).filter((change): change is NoteChange => change !== null);
        this.store.settings.set(PULLED_VERSION_SETTING, page.latestVersion);
        return applied;
      });
      for (const change of changes) this.options.onNoteChanged?.(change);
      after = page.latestVersion;
      if (!page.more) break;
    }
    this.needsPull = false;
    return true;
  }

  private applyRemote(state: HubNoteState): NoteChange | null {
    const local = this.store.notes.get(state.note.id);
    if (local && local.hubVersion !== null && state.hubVersion <= local.hubVersion) return null;
    const waiting = this.store.outbox.countsFor(state.note.id);
    if (local && waiting.pending + waiting.failed > 0) {
      // Our own change will overwrite this at the hub (which keeps it too); keep it here as well.
      if (local.body !== state.note.body) this.store.notes.addRevision(state.note.id, state.hubVersion, state.note.body, this.clock.now());
      return { note: stripDeleted(this.store.notes.get(state.note.id)!), deleted: local.deleted };
    }
    if (state.deleted) {
      if (!local) return null;
      this.store.notes.hardDelete(state.note.id);
      return { note: { ...stripDeleted(local), syncStatus: 'synced', hubVersion: state.hubVersion }, deleted: true };
    }
    this.store.notes.acceptFromHub(state.note, state.hubVersion, false);
    return { note: stripDeleted(this.store.notes.get(state.note.id)!), deleted: false };
  }

  // ---- bookkeeping

  private scheduleRetry(): void {
    if (this.retryTimer || this.disposed) return;
    const delay = this.retryDelays[Math.min(this.attempt, this.retryDelays.length - 1)] ?? 30_000;
    this.attempt++;
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, delay);
  }

  private publishStatus(): void {
    if (this.disposed) return;
    this.options.onStatus?.(this.status());
  }
}

function stripDeleted(note: LocalNote & { deleted?: boolean }): LocalNote {
  const { deleted: _deleted, ...rest } = note;
  return rest;
}
