// Agents, handoffs (indexed columns plus the full document), the receipts path of each handoff,
// and the per-agent event log that makes delivery resumable.
import type { Migration } from '../migrator';

export const migration0001: Migration = {
  version: 1,
  name: '0001-initial',
  up(db) {
    db.exec(`
      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
        skills TEXT NOT NULL DEFAULT '[]',
        capacity INTEGER NOT NULL DEFAULT 3,
        token_hash TEXT NOT NULL UNIQUE,
        revoked_at INTEGER,
        created_at INTEGER NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0,
        acked_seq INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE handoffs (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        external_id TEXT NOT NULL,
        status TEXT NOT NULL,
        priority TEXT NOT NULL,
        queue TEXT NOT NULL,
        assigned_agent_id TEXT,
        received_at INTEGER NOT NULL,
        sla_deadline INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        document TEXT NOT NULL,
        UNIQUE (external_id, event_id)
      );
      CREATE INDEX handoffs_by_status ON handoffs (status, priority, received_at);
      CREATE INDEX handoffs_by_external_id ON handoffs (external_id, received_at);

      CREATE TABLE handoff_receipts (
        id INTEGER PRIMARY KEY,
        handoff_id TEXT NOT NULL REFERENCES handoffs (id),
        stage TEXT NOT NULL,
        agent_id TEXT,
        detail TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX handoff_receipts_by_handoff ON handoff_receipts (handoff_id, id);

      CREATE TABLE agent_events (
        agent_id TEXT NOT NULL REFERENCES agents (id),
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, seq)
      ) WITHOUT ROWID;
    `);
  },
};
