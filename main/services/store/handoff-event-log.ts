// The append-only local log of each handoff this agent touched. Entries carry ids and kinds, not
// customer text, and export as JSON lines (one event per line) for a lead to reconstruct a shift.
import type { StoreDatabase } from './store-database';

export const HANDOFF_EVENT_KINDS = [
  'offered',
  'alerted',
  'accepted',
  'declined',
  'message_received',
  'reply_queued',
  'reply_sent',
  'note_added',
  'note_edited',
  'note_deleted',
  'resolved',
  'transferred',
  'revoked',
] as const;
export type HandoffEventKind = (typeof HANDOFF_EVENT_KINDS)[number];

export interface HandoffEvent {
  seq: number;
  handoffId: string;
  kind: HandoffEventKind;
  at: string;
  detail: Record<string, string | number | boolean | null>;
}

export class HandoffEventLog {
  private readonly statements;

  constructor(private readonly store: StoreDatabase) {
    const { db } = store;
    this.statements = {
      append: db.prepare(`INSERT INTO handoff_events (handoff_id, kind, at, detail) VALUES (?, ?, ?, ?)`),
      forHandoff: db.prepare(`SELECT * FROM handoff_events WHERE handoff_id = ? ORDER BY seq`),
      all: db.prepare(`SELECT * FROM handoff_events ORDER BY seq`),
      purge: db.prepare(`DELETE FROM handoff_events WHERE at < ?`),
    };
  }

  append(handoffId: string, kind: HandoffEventKind, detail: HandoffEvent['detail'] = {}): void {
    this.statements.append.run(handoffId, kind, this.store.clock.now(), JSON.stringify(detail));
  }

  list(handoffId?: string): HandoffEvent[] {
    const rows = (handoffId ? this.statements.forHandoff.all(handoffId) : this.statements.all.all()) as {
      seq: number;
      handoff_id: string;
      kind: HandoffEventKind;
      at: number;
      detail: string;
    }[];
    return rows.map((row) => ({
      seq: row.seq,
      handoffId: row.handoff_id,
      kind: row.kind,
      at: new Date(row.at).toISOString(),
      detail: JSON.parse(row.detail) as HandoffEvent['detail'],
    }));
  }

  exportJsonLines(handoffId?: string): string {
    return this.list(handoffId)
      .map((event) => JSON.stringify(event))
      .join('\n');
  }

  /** Retention is the only way entries leave the log. */
  purgeOlderThan(cutoff: number): number {
    return this.statements.purge.run(cutoff).changes;
  }
}
