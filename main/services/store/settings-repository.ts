// Small local settings (retention days, last known agent id, ...), stored as JSON and read back
// through a zod schema so a hand-edited or older value never reaches the code unchecked.
import type { z } from 'zod';
import type { StoreDatabase } from './store-database';

export class SettingsRepository {
  private readonly statements;

  constructor(store: StoreDatabase) {
    this.statements = {
      get: store.db.prepare(`SELECT value FROM settings WHERE key = ?`),
      set: store.db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      remove: store.db.prepare(`DELETE FROM settings WHERE key = ?`),
    };
  }

  /** The stored value if it is present and valid, otherwise `fallback`. */
  get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    const row = this.statements.get.get(key) as { value: string } | undefined;
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown): void {
    this.statements.set.run(key, JSON.stringify(value));
  }

  remove(key: string): void {
    this.statements.remove.run(key);
  }
}
