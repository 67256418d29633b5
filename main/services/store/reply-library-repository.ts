// The reply library's rows (migration 0004): team and agent macros (content sealed), hidden
// replies and usage counts. Every write is one short transaction, committed (fsynced) before it
// returns, so a saved macro or a counted use survives a crash. Implements the intelligence side's
// ReplyLibraryStore port.
import { z } from 'zod';
import { ReplyMacro } from '../../../shared/intelligence';
import type { ReplyLibrarySnapshot, ReplyLibraryStore, StoredReplyMacro } from '../intelligence/reply-library-store';
import type { AtRestCipher } from './at-rest-cipher';
import type { StoreDatabase } from './store-database';
import type { StoreLog } from './store-log';

const context = (replyId: string) => `reply:${replyId}`;

/**
 * A stored macro as read back: the placeholder rules are not re-applied, so a macro saved under
 * older rules stays in the library (and in the editor, to be fixed) instead of vanishing.
 */
const StoredMacro = ReplyMacro.extend({ text: z.string().min(1).max(5_000), origin: z.enum(['team', 'agent']) });
const SealedMacro = StoredMacro.pick({ title: true, intent: true, text: true, examples: true });

interface MacroRow {
  id: string;
  origin: string;
  body: Buffer;
  updated_at: number;
}

export class ReplyLibraryRepository implements ReplyLibraryStore {
  private readonly statements;

  constructor(
    private readonly store: StoreDatabase,
    private readonly cipher: AtRestCipher,
    private readonly log: StoreLog,
  ) {
    const { db } = store;
    this.statements = {
      macros: db.prepare(`SELECT id, origin, body, updated_at FROM reply_macros ORDER BY id`),
      upsert: db.prepare(
        `INSERT INTO reply_macros (id, origin, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, body = excluded.body, updated_at = excluded.updated_at`,
      ),
      teamIds: db.prepare(`SELECT id FROM reply_macros WHERE origin = 'team'`),
      remove: db.prepare(`DELETE FROM reply_macros WHERE id = ?`),
      hidden: db.prepare(`SELECT reply_id FROM reply_hidden ORDER BY reply_id`),
      hide: db.prepare(`INSERT INTO reply_hidden (reply_id, hidden_at) VALUES (?, ?) ON CONFLICT (reply_id) DO NOTHING`),
      unhide: db.prepare(`DELETE FROM reply_hidden WHERE reply_id = ?`),
      usage: db.prepare(`SELECT reply_id, uses FROM reply_usage`),
      use: db.prepare(
        `INSERT INTO reply_usage (reply_id, uses, last_used_at) VALUES (?, 1, ?)
         ON CONFLICT (reply_id) DO UPDATE SET uses = uses + 1, last_used_at = excluded.last_used_at
         RETURNING uses`,
      ),
    };
  }

  load(): ReplyLibrarySnapshot {
    return this.store.measure('replies.load', () => {
      const macros: StoredReplyMacro[] = [];
      for (const row of this.statements.macros.all() as MacroRow[]) {
        const macro = this.readMacro(row);
        if (macro) macros.push({ macro, updatedAt: row.updated_at });
      }
      const hidden = (this.statements.hidden.all() as { reply_id: string }[]).map((r) => r.reply_id);
      const usage = (this.statements.usage.all() as { reply_id: string; uses: number }[]).map((r): [string, number] => [r.reply_id, r.uses]);
      return { macros, hidden, usage };
    });
  }

  saveMacros(macros: readonly ReplyMacro[], options: { replaceTeam?: boolean } = {}): { removed: number; updatedAt: number } {
    const now = this.store.clock.now();
    // Sealing happens before the transaction, which then only writes: short and all-or-nothing.
    const rows = macros.map((m) => {
      if (m.origin === 'default') throw new Error(`reply ${m.id}: defaults are shipped with Baton, not stored`);
      const { title, intent, text, examples } = m;
      return [m.id, m.origin, this.cipher.encryptJson({ title, intent, text, examples }, context(m.id))] as const;
    });
    const removed = this.store.transaction('replies.save', () => {
      let count = 0;
      if (options.replaceTeam) {
        const keep = new Set(macros.map((m) => m.id));
        for (const { id } of this.statements.teamIds.all() as { id: string }[]) {
          if (!keep.has(id)) count += this.statements.remove.run(id).changes;
        }
      }
      for (const [id, origin, body] of rows) this.statements.upsert.run(id, origin, body, now, now);
      return count;
    });
    return { removed, updatedAt: now };
  }

  deleteMacro(replyId: string): boolean {
    return this.store.measure('replies.delete', () => this.statements.remove.run(replyId).changes > 0);
  }

  setHidden(replyId: string, hidden: boolean): void {
    this.store.measure('replies.setHidden', () => {
      if (hidden) this.statements.hide.run(replyId, this.store.clock.now());
      else this.statements.unhide.run(replyId);
    });
  }

  recordUse(replyId: string): number {
    return this.store.measure('replies.recordUse', () => (this.statements.use.get(replyId, this.store.clock.now()) as { uses: number }).uses);
  }

  /** A row that fails to open or to parse is skipped and logged: one bad row must not cost the library. */
  private readMacro(row: MacroRow): ReplyMacro | null {
    try {
      const sealed = SealedMacro.parse(this.cipher.decryptJson(row.body, context(row.id)));
      return StoredMacro.parse({ id: row.id, origin: row.origin, ...sealed });
    } catch (error) {
      this.log.warn(`store: reply ${row.id} could not be read and is left out of the library`, error);
      return null;
    }
  }
}
