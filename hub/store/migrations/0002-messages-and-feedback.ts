// Messages that arrive after the handoff (customer messages, agent replies), each stored once per
// sender-generated id, and agents' feedback on resolved handoffs.
import type { Migration } from '../migrator';

export const migration0002: Migration = {
  version: 2,
  name: '0002-messages-and-feedback',
  up(db) {
    db.exec(`
      CREATE TABLE handoff_messages (
        handoff_id TEXT NOT NULL REFERENCES handoffs (id),
        message_id TEXT NOT NULL,
        author TEXT NOT NULL,
        agent_id TEXT,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (handoff_id, message_id)
      );

      CREATE TABLE handoff_feedback (
        handoff_id TEXT PRIMARY KEY REFERENCES handoffs (id),
        agent_id TEXT NOT NULL,
        document TEXT NOT NULL,
        at INTEGER NOT NULL
      );
    `);
  },
};
