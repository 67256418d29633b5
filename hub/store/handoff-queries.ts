// Handoffs are stored as their full document (what agents are sent) plus the columns the hub
// queries by. Writes always go through here so columns and document never disagree.
import type { Handoff, HandoffStatus } from '../../shared/domain';
import type { HubDatabase } from './database';
import { statement } from './statement-cache';

export const ACTIVE_STATUSES: readonly HandoffStatus[] = ['queued', 'offered', 'accepted', 'transferred'];

export interface StoredHandoff {
  handoff: Handoff;
  eventId: string;
  /** Required skills from the escalation rules (routing input, not shown to agents). */
  skills: string[];
  /** What the platform was told to say to the customer (answered again on a retried POST). */
  customerMessage: string;
}

interface HandoffRow {
  id: string;
  event_id: string;
  document: string;
}

function toStored(row: HandoffRow): StoredHandoff {
  const parsed = JSON.parse(row.document) as { handoff: Handoff; skills: string[]; customerMessage: string };
  return { handoff: parsed.handoff, skills: parsed.skills, customerMessage: parsed.customerMessage, eventId: row.event_id };
}

function columns(stored: StoredHandoff, now: number) {
  const { handoff } = stored;
  return {
    id: handoff.id,
    eventId: stored.eventId,
    externalId: handoff.conversation.externalId,
    status: handoff.status,
    priority: handoff.priority,
    queue: handoff.queue,
    assignedAgentId: handoff.assignedAgentId ?? null,
    receivedAt: Date.parse(handoff.receivedAt),
    slaDeadline: Date.parse(handoff.slaDeadline),
    now,
    document: JSON.stringify({ handoff, skills: stored.skills, customerMessage: stored.customerMessage }),
  };
}

/** Inserts a new handoff; returns false (and stores nothing) when its event was stored before. */
export function insertHandoff(db: HubDatabase, stored: StoredHandoff, now: number): boolean {
  const result = statement(
    db,
      `INSERT INTO handoffs (id, event_id, external_id, status, priority, queue, assigned_agent_id, received_at, sla_deadline, updated_at, document)
       VALUES (@id, @eventId, @externalId, @status, @priority, @queue, @assignedAgentId, @receivedAt, @slaDeadline, @now, @document)
       ON CONFLICT (external_id, event_id) DO NOTHING`,
    )
    .run(columns(stored, now));
  return result.changes === 1;
}

export function updateHandoff(db: HubDatabase, stored: StoredHandoff, now: number): void {
  statement(
    db,
    `UPDATE handoffs SET status = @status, priority = @priority, queue = @queue, assigned_agent_id = @assignedAgentId,
       sla_deadline = @slaDeadline, updated_at = @now, document = @document WHERE id = @id`,
  ).run(columns(stored, now));
}

export function getHandoff(db: HubDatabase, id: string): StoredHandoff | undefined {
  const row = statement(db, 'SELECT id, event_id, document FROM handoffs WHERE id = ?').get(id) as HandoffRow | undefined;
  return row ? toStored(row) : undefined;
}

export function findHandoffByEvent(db: HubDatabase, externalId: string, eventId: string): StoredHandoff | undefined {
  const row = statement(db, 'SELECT id, event_id, document FROM handoffs WHERE external_id = ? AND event_id = ?')
    .get(externalId, eventId) as HandoffRow | undefined;
  return row ? toStored(row) : undefined;
}

/** The newest handoff of a platform conversation (a conversation can be handed off more than once). */
export function findLatestHandoffByExternalId(db: HubDatabase, externalId: string): StoredHandoff | undefined {
  const row = statement(db, 'SELECT id, event_id, document FROM handoffs WHERE external_id = ? ORDER BY received_at DESC, rowid DESC LIMIT 1')
    .get(externalId) as HandoffRow | undefined;
  return row ? toStored(row) : undefined;
}

export function listActiveHandoffs(db: HubDatabase): StoredHandoff[] {
  const placeholders = ACTIVE_STATUSES.map(() => '?').join(', ');
  return (
    statement(db, `SELECT id, event_id, document FROM handoffs WHERE status IN (${placeholders}) ORDER BY received_at, rowid`)
      .all(...ACTIVE_STATUSES) as HandoffRow[]
  ).map(toStored);
}

export function countHandoffs(db: HubDatabase): number {
  return (statement(db, 'SELECT COUNT(*) AS n FROM handoffs').get() as { n: number }).n;
}
