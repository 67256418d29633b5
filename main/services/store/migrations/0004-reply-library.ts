// The reply library's local half (issue 5): the team's macros and the replies this agent marked as
// good, which defaults are hidden, and how often each reply was used. A macro's content is sealed
// (an agent macro's examples are customer messages); ids, origins, counts and times stay in clear.
import type { Migration } from '../migration';

export const migration0004: Migration = {
  version: 4,
  name: 'reply-library',
  up(db) {
    db.exec(`
      CREATE TABLE reply_macros (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL CHECK (origin IN ('team', 'agent')),
        -- Sealed JSON: { title, intent, text, examples }.
        body BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- Hidden replies are never suggested; the way to retire a default, which cannot be deleted.
      CREATE TABLE reply_hidden (
        reply_id TEXT PRIMARY KEY,
        hidden_at INTEGER NOT NULL
      ) STRICT;

      -- Counts of suggestions the agent took into the composer; the ranking boosts them.
      CREATE TABLE reply_usage (
        reply_id TEXT PRIMARY KEY,
        uses INTEGER NOT NULL CHECK (uses >= 0),
        last_used_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
