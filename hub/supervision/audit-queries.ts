// The audit trail of lead actions: who reassigned, force-assigned, changed presence, whispered.
import type { AuditEntry, SupervisorAction } from '../../shared/supervision';
import type { HubDatabase } from '../store/database';

export interface AuditRecord {
  actorId: string;
  action: SupervisorAction;
  handoffId?: string | null;
  agentId?: string | null;
  detail?: string;
  at: number;
}

export function recordAudit(db: HubDatabase, record: AuditRecord): void {
  db.prepare('INSERT INTO supervisor_audit (actor_id, action, handoff_id, agent_id, detail, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    record.actorId,
    record.action,
    record.handoffId ?? null,
    record.agentId ?? null,
    (record.detail ?? '').slice(0, 2_000),
    record.at,
  );
}

interface AuditRow {
  id: number;
  actor_id: string;
  action: SupervisorAction;
  handoff_id: string | null;
  agent_id: string | null;
  detail: string;
  at: number;
}

/** Newest first. */
export function listAudit(db: HubDatabase, limit = 100): AuditEntry[] {
  return (db.prepare('SELECT * FROM supervisor_audit ORDER BY id DESC LIMIT ?').all(limit) as AuditRow[]).map((row) => ({
    id: row.id,
    actorId: row.actor_id,
    action: row.action,
    handoffId: row.handoff_id,
    agentId: row.agent_id,
    detail: row.detail,
    at: new Date(row.at).toISOString(),
  }));
}
