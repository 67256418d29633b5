// Outbound webhook deliveries wait here until the bot platform confirms them (or they are given up
// as dead letters), so a hub restart never drops a status change or an agent's reply.
import type { Migration } from '../migrator';

export const migration0003: Migration = {
  version: 3,
  name: '0003-webhook-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE webhook_outbox (
        id INTEGER PRIMARY KEY,
        delivery_id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      );
      CREATE INDEX webhook_outbox_due ON webhook_outbox (state, next_attempt_at);
    `);
  },
};
