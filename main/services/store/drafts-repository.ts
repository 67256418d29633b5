// Reply drafts, saved as the agent types so a crash or restart loses nothing. Sealed at rest:
// a draft is customer conversation text.
import type { Draft } from '../../../shared/api';
import type { AtRestCipher } from './at-rest-cipher';
import type { StoreDatabase } from './store-database';

const context = (handoffId: string) => `draft:${handoffId}`;

export class DraftsRepository {
  private readonly statements;

  constructor(
    private readonly store: StoreDatabase,
    private readonly cipher: AtRestCipher,
  ) {
    const { db } = store;
    this.statements = {
      upsert: db.prepare(
        `INSERT INTO drafts (handoff_id, body, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (handoff_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      ),
      get: db.prepare(`SELECT body, updated_at FROM drafts WHERE handoff_id = ?`),
      remove: db.prepare(`DELETE FROM drafts WHERE handoff_id = ?`),
    };
  }

  get(handoffId: string): Draft {
    const row = this.statements.get.get(handoffId) as { body: Buffer; updated_at: number } | undefined;
    if (!row) return { handoffId, text: '', updatedAt: null };
    return { handoffId, text: this.cipher.decrypt(row.body, context(handoffId)), updatedAt: new Date(row.updated_at).toISOString() };
  }

  /** Saving an empty text removes the draft (the reply was sent or cleared). */
  save(handoffId: string, text: string): Draft {
    const now = this.store.clock.now();
    this.store.measure('drafts.save', () => {
      if (text.length === 0) this.statements.remove.run(handoffId);
      else this.statements.upsert.run(handoffId, this.cipher.encrypt(text, context(handoffId)), now);
    });
    return { handoffId, text, updatedAt: text.length === 0 ? null : new Date(now).toISOString() };
  }

  remove(handoffId: string): void {
    this.statements.remove.run(handoffId);
  }
}
