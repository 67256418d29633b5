// Numbered migrations keyed on PRAGMA user_version (Signal Desktop's scheme): each runs in its own
// transaction together with the version bump, so a crash leaves the schema at a whole version.
import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3 ... with no gaps; the database's user_version is the last one applied. */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function runMigrations(db: Database.Database, migrations: readonly Migration[], target = Infinity): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this hub knows (${latest}); upgrade the hub`);
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
