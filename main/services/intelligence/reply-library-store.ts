// Where the reply library's own data lives: the team's and this agent's macros, which defaults are
// hidden, and how often each reply was used. The local store (main/services/store/
// reply-library-repository.ts) keeps it in SQLite; without a store (tests, a store that failed to
// open) the in-memory one keeps the app working for the session.
import type { ReplyMacro } from './reply-library';

export interface StoredReplyMacro {
  /** origin is 'team' or 'agent'; defaults are never stored. */
  macro: ReplyMacro;
  /** Epoch ms of the last save. */
  updatedAt: number;
}

export interface ReplyLibrarySnapshot {
  macros: StoredReplyMacro[];
  hidden: string[];
  usage: [string, number][];
}

export interface ReplyLibraryStore {
  load(): ReplyLibrarySnapshot;
  /**
   * Saves macros in one transaction: all of them or none. With `replaceTeam`, team macros not in
   * `macros` are removed in the same transaction. Returns how many were removed and the time
   * (epoch ms) the saved ones were stamped with.
   */
  saveMacros(macros: readonly ReplyMacro[], options?: { replaceTeam?: boolean }): { removed: number; updatedAt: number };
  /** True when a stored macro was removed. */
  deleteMacro(replyId: string): boolean;
  setHidden(replyId: string, hidden: boolean): void;
  /** Counts one use durably; returns the new count. */
  recordUse(replyId: string): number;
}

export class InMemoryReplyLibraryStore implements ReplyLibraryStore {
  private readonly macros = new Map<string, StoredReplyMacro>();
  private readonly hidden = new Set<string>();
  private readonly usage = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  load(): ReplyLibrarySnapshot {
    return { macros: [...this.macros.values()], hidden: [...this.hidden], usage: [...this.usage] };
  }

  saveMacros(macros: readonly ReplyMacro[], options: { replaceTeam?: boolean } = {}): { removed: number; updatedAt: number } {
    let removed = 0;
    if (options.replaceTeam) {
      const keep = new Set(macros.map((m) => m.id));
      for (const [id, stored] of this.macros) {
        if (stored.macro.origin === 'team' && !keep.has(id)) {
          this.macros.delete(id);
          removed++;
        }
      }
    }
    const at = this.now();
    for (const macro of macros) this.macros.set(macro.id, { macro, updatedAt: at });
    return { removed, updatedAt: at };
  }

  deleteMacro(replyId: string): boolean {
    return this.macros.delete(replyId);
  }

  setHidden(replyId: string, hidden: boolean): void {
    if (hidden) this.hidden.add(replyId);
    else this.hidden.delete(replyId);
  }

  recordUse(replyId: string): number {
    const next = (this.usage.get(replyId) ?? 0) + 1;
    this.usage.set(replyId, next);
    return next;
  }
}
