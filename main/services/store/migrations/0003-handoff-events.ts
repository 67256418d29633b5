// The local, append-only log of what happened to each handoff this agent touched, exportable to
// reconstruct a shift. Rows name what happened and reference ids; they hold no customer text, so
// the log can be kept in clear and handed to a lead. Updates are refused by a trigger; deletes
// happen only through retention.
import type { Migration } from '../migration';

export const migration0003: Migration = {
  version: 3,
  name: 'handoff-events',
  up(db) {
    db.exec(`
      CREATE TABLE handoff_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        handoff_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        at INTEGER NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX handoff_events_handoff ON handoff_events (handoff_id, seq);

      CREATE TRIGGER handoff_events_append_only BEFORE UPDATE ON handoff_events
      BEGIN
        SELECT RAISE(ABORT, 'handoff_events is append-only');
      END;
    `);
  },
};
