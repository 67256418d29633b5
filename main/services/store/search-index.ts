// Full-text indexes (FTS5) over notes and the offline cache, kept in the attached in-memory
// `search` database: the indexed text is plain, and plain customer text must not reach the disk
// (docs/local-store.md). The indexes are rebuilt from the decrypted rows after the store opens, in
// the background (search-index-build.ts); while that runs, the rows still ahead of the build are
// the build's to index, and writers leave them alone (see `deferred`).
import type { SnippetSegment } from '../../../shared/api';
import type { StoreDatabase } from './store-database';

const OPEN = '\u0001';
const CLOSE = '\u0002';
const MAX_QUERY_TERMS = 16;

export const SNIPPET_SQL = (table: string, column: number, tokens = 16) =>
  `snippet(${table}, ${column}, char(1), char(2), '…', ${tokens})`;

/** Turns whatever a person typed into a safe FTS5 query: every word must match, the last as a prefix. */
export function toMatchExpression(query: string): string | null {
  const terms = query
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, MAX_QUERY_TERMS);
  if (terms.length === 0) return null;
  return terms.map((term, index) => `"${term}"${index === terms.length - 1 ? '*' : ''}`).join(' ');
}

/** Splits a marked-up snippet into runs; the markers are control characters stripped from indexed text. */
export function toSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let current = '';
  for (const char of marked) {
    if (char === OPEN || char === CLOSE) {
      if (current) segments.push({ text: current, match });
      current = '';
      match = char === OPEN;
    } else {
      current += char;
    }
  }
  if (current) segments.push({ text: current, match });
  return segments;
}

/** Indexed text must not contain the snippet markers, or a body could forge a highlight. */
export function indexableText(text: string): string {
  return text.replaceAll(OPEN, ' ').replaceAll(CLOSE, ' ');
}

export type IndexName = 'notes_fts' | 'handoffs_fts' | 'customers_fts';

/** Rows with `after < rowid <= end` are still to be indexed by the background build. */
interface PendingRange {
  after: number;
  end: number;
}

export class SearchIndex {
  private readonly statements;
  private readonly pending = new Map<IndexName, PendingRange>();

  constructor(store: StoreDatabase) {
    const { db } = store;
    db.exec(`
      CREATE VIRTUAL TABLE IF NOT EXISTS search.notes_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE IF NOT EXISTS search.handoffs_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE IF NOT EXISTS search.customers_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
    `);
    const put = (table: IndexName, columns: string) => ({
      remove: db.prepare(`DELETE FROM search.${table} WHERE rowid = ?`),
      insert: db.prepare(`INSERT INTO search.${table} (rowid, ${columns}) VALUES (?, ${columns.split(',').map(() => '?').join(', ')})`),
    });
    this.statements = {
      notes_fts: put('notes_fts', 'body'),
      handoffs_fts: put('handoffs_fts', 'title, body'),
      customers_fts: put('customers_fts', 'title, body'),
    };
  }

  /**
   * True when the background build has not reached this row yet: it reads the row as committed when
   * it gets there, so a write now must not index it too (it would be indexed twice) nor remove it.
   * Rows above `end` were written after the build started and are the writers' alone.
   */
  deferred(index: IndexName, rowid: number | bigint): boolean {
    const range = this.pending.get(index);
    if (!range) return false;
    const row = Number(rowid);
    return row > range.after && row <= range.end;
  }

  /** The build will index every row up to `end` (the highest rowid when it started). */
  beginBuild(index: IndexName, end: number): void {
    this.pending.set(index, { after: 0, end });
  }

  /** The build has indexed every row up to `after`; from now on writers own them. */
  advanceBuild(index: IndexName, after: number): void {
    const range = this.pending.get(index);
    if (range) range.after = after;
  }

  /** The build is over (done, stopped or failed): writers own every row again. */
  endBuild(index: IndexName): void {
    this.pending.delete(index);
  }

  /** Replaces the indexed text of one row (rowid = the row's `seq` in the main table). */
  put(index: IndexName, rowid: number | bigint, ...columns: string[]): void {
    if (this.deferred(index, rowid)) return;
    const statements = this.statements[index];
    statements.remove.run(rowid);
    statements.insert.run(rowid, ...columns.map(indexableText));
  }

  /** Adds a row known not to be indexed yet (the build, which starts from an empty index). */
  add(index: IndexName, rowid: number | bigint, ...columns: string[]): void {
    this.statements[index].insert.run(rowid, ...columns.map(indexableText));
  }

  remove(index: IndexName, rowid: number | bigint): void {
    if (this.deferred(index, rowid)) return;
    this.statements[index].remove.run(rowid);
  }
}
