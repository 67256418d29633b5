// Agents' raised hands, kept until a lead answers them (and after, for the record).
import type { RaisedHand } from '../../shared/supervision';
import type { HubDatabase } from '../store/database';

interface HandRow {
  id: string;
  agent_id: string;
  agent_name: string | null;
  handoff_id: string | null;
  text: string;
  at: number;
  answered_at: number | null;
  answered_by: string | null;
}

const SELECT = 'SELECT h.*, a.name AS agent_name FROM raised_hands h LEFT JOIN agents a ON a.id = h.agent_id';

function toHand(row: HandRow): RaisedHand {
  return {
    id: row.id,
    agentId: row.agent_id,
    agentName: row.agent_name ?? row.agent_id,
    ...(row.handoff_id ? { handoffId: row.handoff_id } : {}),
    text: row.text,
    at: new Date(row.at).toISOString(),
    answeredAt: row.answered_at === null ? null : new Date(row.answered_at).toISOString(),
    answeredBy: row.answered_by,
  };
}

export function insertRaisedHand(db: HubDatabase, hand: { id: string; agentId: string; handoffId?: string; text: string; at: number }): RaisedHand {
  db.prepare('INSERT INTO raised_hands (id, agent_id, handoff_id, text, at) VALUES (?, ?, ?, ?, ?)').run(hand.id, hand.agentId, hand.handoffId ?? null, hand.text, hand.at);
  return getRaisedHand(db, hand.id)!;
}

export function getRaisedHand(db: HubDatabase, id: string): RaisedHand | undefined {
  const row = db.prepare(`${SELECT} WHERE h.id = ?`).get(id) as HandRow | undefined;
  return row ? toHand(row) : undefined;
}

/** Returns false when the hand was answered before (the first answer counts). */
export function answerRaisedHand(db: HubDatabase, id: string, by: string, at: number): boolean {
  return db.prepare('UPDATE raised_hands SET answered_at = ?, answered_by = ? WHERE id = ? AND answered_at IS NULL').run(at, by, id).changes === 1;
}

export function listOpenHands(db: HubDatabase, limit = 100): RaisedHand[] {
  return (db.prepare(`${SELECT} WHERE h.answered_at IS NULL ORDER BY h.at LIMIT ?`).all(limit) as HandRow[]).map(toHand);
}
