// Agents as stored: profile, role, hashed token (never the token itself) and the event cursors.
import { Agent, type Role } from '../../shared/domain';
import type { HubDatabase } from './database';
import { statement } from './statement-cache';

export interface AgentRecord {
  id: string;
  name: string;
  role: Role;
  skills: string[];
  capacity: number;
  revokedAt: number | null;
  createdAt: number;
}

interface AgentRow {
  id: string;
  name: string;
  role: Role;
  skills: string;
  capacity: number;
  revoked_at: number | null;
  created_at: number;
}

function toRecord(row: AgentRow): AgentRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    skills: JSON.parse(row.skills) as string[],
    capacity: row.capacity,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}

export interface AgentSeedRecord {
  id: string;
  name: string;
  role: Role;
  skills: string[];
  capacity: number;
  tokenHash: string;
}

/** Creates or updates an agent; a new token hash replaces the old one and un-revokes the agent. */
export function upsertAgent(db: HubDatabase, agent: AgentSeedRecord, now: number): void {
  Agent.pick({ id: true, name: true, role: true, skills: true, capacity: true }).parse(agent);
  statement(
    db,
    `INSERT INTO agents (id, name, role, skills, capacity, token_hash, created_at)
     VALUES (@id, @name, @role, @skills, @capacity, @tokenHash, @now)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, skills = excluded.skills,
       capacity = excluded.capacity, token_hash = excluded.token_hash, revoked_at = NULL`,
  ).run({ ...agent, skills: JSON.stringify(agent.skills), now });
}

export function findAgentByTokenHash(db: HubDatabase, tokenHash: string): AgentRecord | undefined {
  const row = statement(db, 'SELECT * FROM agents WHERE token_hash = ? AND revoked_at IS NULL').get(tokenHash) as AgentRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function getAgent(db: HubDatabase, id: string): AgentRecord | undefined {
  const row = statement(db, 'SELECT * FROM agents WHERE id = ?').get(id) as AgentRow | undefined;
  return row ? toRecord(row) : undefined;
}

export function listAgents(db: HubDatabase, options: { includeRevoked?: boolean } = {}): AgentRecord[] {
  const sql = options.includeRevoked ? 'SELECT * FROM agents ORDER BY id' : 'SELECT * FROM agents WHERE revoked_at IS NULL ORDER BY id';
  return (statement(db, sql).all() as AgentRow[]).map(toRecord);
}

/** Returns false when there is no such (active) agent. */
export function revokeAgent(db: HubDatabase, id: string, now: number): boolean {
  return statement(db, 'UPDATE agents SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id).changes === 1;
}
