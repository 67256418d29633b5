// The outbox: every local change that the hub must hear about, in the order it was made, each with
// a client-generated changeId so a resend after a lost answer is recognised by the hub.
import { randomUUID } from 'node:crypto';
import type { AtRestCipher } from './at-rest-cipher';
import type { StoreDatabase } from './store-database';

export const OUTBOX_KINDS = ['note_upsert', 'note_delete', 'reply'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface OutboxEntry {
  seq: number;
  changeId: string;
  kind: OutboxKind;
  targetId: string;
  payload: unknown;
  status: 'pending' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: number;
}

interface OutboxRow {
  seq: number;
  change_id: string;
  kind: OutboxKind;
  target_id: string;
  payload: Buffer;
  status: 'pending' | 'failed';
  attempts: number;
  last_error: string | null;
  created_at: number;
}

const payloadContext = (changeId: string) => `outbox:${changeId}`;

export class OutboxRepository {
  private readonly statements;

  constructor(
    private readonly store: StoreDatabase,
    private readonly cipher: AtRestCipher,
  ) {
    const { db } = store;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO outbox (change_id, kind, target_id, payload, status, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
      ),
      next: db.prepare(`SELECT * FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT 1`),
      nextMany: db.prepare(`SELECT * FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?`),
      pendingList: db.prepare(`SELECT * FROM outbox WHERE status = 'pending' AND kind = ? ORDER BY seq`),
      ofTarget: db.prepare(`SELECT * FROM outbox WHERE kind = ? AND target_id = ? ORDER BY seq`),
      failedTargets: db.prepare(`SELECT DISTINCT target_id, kind FROM outbox WHERE status = 'failed'`),
      lastError: db.prepare(`SELECT last_error FROM outbox WHERE target_id = ? AND status = 'failed' ORDER BY seq DESC LIMIT 1`),
      remove: db.prepare(`DELETE FROM outbox WHERE seq = ?`),
      attempt: db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?`),
      fail: db.prepare(`UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE seq = ?`),
      retryFailed: db.prepare(`UPDATE outbox SET status = 'pending', last_error = NULL WHERE status = 'failed'`),
      counts: db.prepare(
        `SELECT coalesce(sum(status = 'pending'), 0) AS pending, coalesce(sum(status = 'failed'), 0) AS failed FROM outbox`,
      ),
      forTarget: db.prepare(`SELECT count(*) AS n FROM outbox WHERE target_id = ?`),
      countsFor: db.prepare(
        `SELECT coalesce(sum(status = 'pending'), 0) AS pending, coalesce(sum(status = 'failed'), 0) AS failed FROM outbox WHERE target_id = ?`,
      ),
    };
  }

  /** Queues a change; call inside the transaction that made it, so both commit or neither does. */
  enqueue(kind: OutboxKind, targetId: string, payload: unknown, changeId: string = randomUUID()): OutboxEntry {
    const createdAt = this.store.clock.now();
    const info = this.statements.insert.run(changeId, kind, targetId, this.cipher.encryptJson(payload, payloadContext(changeId)), createdAt);
    return { seq: Number(info.lastInsertRowid), changeId, kind, targetId, payload, status: 'pending', attempts: 0, lastError: null, createdAt };
  }

  /** The oldest change still waiting to be sent. */
  next(): OutboxEntry | null {
    const row = this.statements.next.get() as OutboxRow | undefined;
    return row ? this.toEntry(row) : null;
  }

  /** The oldest `limit` changes still waiting, in order. */
  nextPending(limit: number): OutboxEntry[] {
    return (this.statements.nextMany.all(limit) as OutboxRow[]).map((row) => this.toEntry(row));
  }

  pendingOfKind(kind: OutboxKind): OutboxEntry[] {
    return (this.statements.pendingList.all(kind) as OutboxRow[]).map((row) => this.toEntry(row));
  }

  remove(seq: number): void {
    this.statements.remove.run(seq);
  }

  recordAttempt(seq: number, error: string): void {
    this.statements.attempt.run(error.slice(0, 500), seq);
  }

  /** The hub refused the change for good; it stays, visible, until the agent retries it. */
  markFailed(seq: number, error: string): void {
    this.statements.fail.run(error.slice(0, 500), seq);
  }

  retryFailed(): number {
    return this.statements.retryFailed.run().changes;
  }

  counts(): { pending: number; failed: number } {
    return this.statements.counts.get() as { pending: number; failed: number };
  }

  /** Changes (pending or failed) still held for one note or handoff. */
  waitingFor(targetId: string): number {
    return (this.statements.forTarget.get(targetId) as { n: number }).n;
  }

  /** Every change (pending or failed) of one kind held for one note or handoff, in order. */
  ofTarget(kind: OutboxKind, targetId: string): OutboxEntry[] {
    return (this.statements.ofTarget.all(kind, targetId) as OutboxRow[]).map((row) => this.toEntry(row));
  }

  failedTargets(): { targetId: string; kind: OutboxKind }[] {
    return (this.statements.failedTargets.all() as { target_id: string; kind: OutboxKind }[]).map((row) => ({ targetId: row.target_id, kind: row.kind }));
  }

  lastError(targetId: string): string | null {
    return (this.statements.lastError.get(targetId) as { last_error: string | null } | undefined)?.last_error ?? null;
  }

  countsFor(targetId: string): { pending: number; failed: number } {
    return this.statements.countsFor.get(targetId) as { pending: number; failed: number };
  }

  private toEntry(row: OutboxRow): OutboxEntry {
    return {
      seq: row.seq,
      changeId: row.change_id,
      kind: row.kind,
      targetId: row.target_id,
      payload: this.cipher.decryptJson(row.payload, payloadContext(row.change_id)),
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at,
    };
  }
}
