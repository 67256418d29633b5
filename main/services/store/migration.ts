// Numbered schema migrations keyed on PRAGMA user_version (Signal Desktop's scheme): each runs in
// its own transaction together with the version bump, so a crash mid-upgrade leaves the file at
// the previous version, never half-migrated.
import type Database from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export function currentSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to the newest migration; returns the versions that were applied. */
export function runMigrations(db: Database.Database, migrations: readonly Migration[]): number[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(`migrations must be numbered 1, 2, 3…; found ${migration.version} (${migration.name}) at position ${index + 1}`);
    }
  });
  const latest = sorted.length;
  const from = currentSchemaVersion(db);
  if (from > latest) {
    // A newer Baton wrote this file; guessing at its schema could corrupt the agent's notes.
    throw new MigrationError(`the local database is at schema version ${from}, newer than this Baton knows (${latest}); update Baton`);
  }
  const applied: number[] = [];
  for (const migration of sorted.slice(from)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
