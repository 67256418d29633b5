// A commit whose loss in a power cut is harmless, written without an fsync. In WAL mode a commit
// under synchronous=NORMAL is still atomic and ordered before every later commit (the next FULL
// commit's fsync of the WAL covers it), so it can only be lost whole, never half-applied, and
// nothing committed before or after it is weakened. Used for desktops' acknowledgements: a lost ack
// only means those events are sent again, and the desktop drops repeats by seq.
import type { HubDatabase } from './database';
import { statement } from './statement-cache';

const LEVELS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

export function commitWithoutFsync<T>(db: HubDatabase, fn: () => T): T {
  // Inside a transaction the setting cannot change what that transaction's commit does: join it.
  if (db.inTransaction) return fn();
  const level = (statement(db, 'PRAGMA synchronous').get() as { synchronous: number }).synchronous;
  if (level <= 1) return db.transaction(fn)();
  statement(db, 'PRAGMA synchronous = NORMAL').run();
  try {
    return db.transaction(fn)();
  } finally {
    statement(db, `PRAGMA synchronous = ${LEVELS[level] ?? 'FULL'}`).run();
  }
}
