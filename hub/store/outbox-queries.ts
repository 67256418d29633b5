// The webhook outbox: deliveries wait as 'pending' until the platform answers 2xx ('delivered'),
// or until they fail too often ('dead', kept for a person to look at).
import type { HubDatabase } from './database';
import { statement } from './statement-cache';

export type OutboxState = 'pending' | 'delivered' | 'dead';

export interface OutboxEntry {
  id: number;
  deliveryId: string;
  body: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

interface OutboxRow {
  id: number;
  delivery_id: string;
  body: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    body: row.body,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}

export function enqueueDelivery(db: HubDatabase, deliveryId: string, body: string, now: number): void {
  statement(db, 'INSERT INTO webhook_outbox (delivery_id, body, next_attempt_at, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING').run(
    deliveryId,
    body,
    now,
    now,
  );
}

export function dueDeliveries(db: HubDatabase, now: number, limit: number): OutboxEntry[] {
  return (
    statement(db, "SELECT * FROM webhook_outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?").all(now, limit) as OutboxRow[]
  ).map(toEntry);
}

/** When the next pending delivery falls due, or null when nothing is pending. */
export function nextDueAt(db: HubDatabase): number | null {
  const row = statement(db, "SELECT MIN(next_attempt_at) AS at FROM webhook_outbox WHERE state = 'pending'").get() as { at: number | null };
  return row.at;
}

export function markDelivered(db: HubDatabase, id: number, now: number): void {
  statement(db, "UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL WHERE id = ?").run(now, id);
}

export function markFailed(db: HubDatabase, id: number, error: string, nextAttemptAt: number | null): void {
  if (nextAttemptAt === null) {
    statement(db, "UPDATE webhook_outbox SET state = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?").run(error.slice(0, 1000), id);
  } else {
    statement(db, 'UPDATE webhook_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?').run(error.slice(0, 1000), nextAttemptAt, id);
  }
}

export function listOutbox(db: HubDatabase, state?: OutboxState): OutboxEntry[] {
  const rows = state
    ? (statement(db, 'SELECT * FROM webhook_outbox WHERE state = ? ORDER BY id').all(state) as OutboxRow[])
    : (statement(db, 'SELECT * FROM webhook_outbox ORDER BY id').all() as OutboxRow[]);
  return rows.map(toEntry);
}
