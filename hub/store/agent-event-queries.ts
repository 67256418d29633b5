// The per-agent event log: every event sent to an agent gets the next sequence number of that
// agent and is kept until the desktop acknowledges it, so a reconnect resends exactly what was missed.
import type { HubEvent } from '../../shared/hub-protocol';
import type { HubDatabase } from './database';
import { statement } from './statement-cache';

export interface SequencedEvent {
  seq: number;
  event: HubEvent;
}

export interface EventCursor {
  lastSeq: number;
  ackedSeq: number;
}

export function eventCursor(db: HubDatabase, agentId: string): EventCursor {
  const row = statement(db, 'SELECT last_seq, acked_seq FROM agents WHERE id = ?').get(agentId) as { last_seq: number; acked_seq: number } | undefined;
  return { lastSeq: row?.last_seq ?? 0, ackedSeq: row?.acked_seq ?? 0 };
}

/** Appends an event for an agent; call inside the transaction that made the change it reports. */
export function appendAgentEvent(db: HubDatabase, agentId: string, event: HubEvent, now: number): number {
  const row = statement(db, 'UPDATE agents SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').get(agentId) as { last_seq: number } | undefined;
  if (!row) throw new Error(`no agent ${agentId} to send an event to`);
  statement(db, 'INSERT INTO agent_events (agent_id, seq, event, created_at) VALUES (?, ?, ?, ?)').run(agentId, row.last_seq, JSON.stringify(event), now);
  return row.last_seq;
}

export function eventsAfter(db: HubDatabase, agentId: string, seq: number, limit = -1): SequencedEvent[] {
  const rows = statement(db, 'SELECT seq, event FROM agent_events WHERE agent_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(agentId, seq, limit) as {
    seq: number;
    event: string;
  }[];
  return rows.map((row) => ({ seq: row.seq, event: JSON.parse(row.event) as HubEvent }));
}

/** The desktop processed everything up to seq: those events are no longer needed. */
export function acknowledgeEvents(db: HubDatabase, agentId: string, seq: number): void {
  db.transaction(() => {
    const cursor = eventCursor(db, agentId);
    const upTo = Math.min(seq, cursor.lastSeq);
    if (upTo <= cursor.ackedSeq) return;
    statement(db, 'DELETE FROM agent_events WHERE agent_id = ? AND seq <= ?').run(agentId, upTo);
    statement(db, 'UPDATE agents SET acked_seq = ? WHERE id = ?').run(upTo, agentId);
  })();
}

/**
 * A desktop that remembers a sequence ahead of the hub's (say, the hub's file was replaced) would
 * ignore new events numbered below it; moving the hub's counter up keeps new events new for it.
 */
export function raiseLastSeq(db: HubDatabase, agentId: string, seq: number): void {
  statement(db, 'UPDATE agents SET last_seq = MAX(last_seq, ?), acked_seq = MAX(acked_seq, ?) WHERE id = ?').run(seq, seq, agentId);
}

/**
 * Bounds the log of agents who stay away (a supervisor on holiday still gets every receipt): beyond
 * `keep` unacknowledged events per agent the oldest are dropped and counted as acknowledged, so a
 * desktop that comes back from before them gets a fresh snapshot instead (see the gateway's hello).
 * Returns how many events were dropped.
 */
export function pruneUnacknowledged(db: HubDatabase, keep: number): number {
  return db.transaction(() => {
    const over = statement(db, 'SELECT id, last_seq FROM agents WHERE last_seq - acked_seq > ?').all(keep) as { id: string; last_seq: number }[];
    let dropped = 0;
    for (const agent of over) {
      const upTo = agent.last_seq - keep;
      dropped += statement(db, 'DELETE FROM agent_events WHERE agent_id = ? AND seq <= ?').run(agent.id, upTo).changes;
      statement(db, 'UPDATE agents SET acked_seq = ? WHERE id = ?').run(upTo, agent.id);
    }
    return dropped;
  })();
}
