// The offline cache: what the agent must be able to read with the hub unreachable. Sensitive
// content (customer records, handoff payloads, message text) is stored as AES-GCM ciphertext;
// only ids, statuses, times and sentiment figures stay in clear so the cache can be queried.
import type { Migration } from '../migration';

export const migration0001: Migration = {
  version: 1,
  name: 'offline-cache',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE customers (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        payload BLOB NOT NULL,
        cached_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX customers_cached_at ON customers (cached_at);

      CREATE TABLE handoffs (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        customer_id TEXT NOT NULL,
        status TEXT NOT NULL,
        priority TEXT NOT NULL,
        received_at TEXT NOT NULL,
        offer_expires_at TEXT,
        payload BLOB NOT NULL,
        cached_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX handoffs_customer ON handoffs (customer_id);
      CREATE INDEX handoffs_cached_at ON handoffs (cached_at);

      CREATE TABLE messages (
        handoff_id TEXT NOT NULL REFERENCES handoffs (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        body BLOB NOT NULL,
        sentiment_label TEXT,
        sentiment_score REAL,
        sentiment_source TEXT,
        PRIMARY KEY (handoff_id, id)
      ) STRICT;
      CREATE INDEX messages_order ON messages (handoff_id, ordinal);
    `);
  },
};
