// Cached customer records for offline reading. `cachedAt` is when the hub last told us about the
// customer, so the UI can say "as of <time>" and retention can purge what is old.
import type { CacheSearchHit, CachedCustomer } from '../../../shared/api';
import { Customer } from '../../../shared/domain';
import type { AtRestCipher } from './at-rest-cipher';
import { SNIPPET_SQL, toMatchExpression, toSegments, type SearchIndex } from './search-index';
import { tableIndexSource, type IndexSource } from './search-index-build';
import type { StoreDatabase } from './store-database';

const context = (customerId: string) => `customer:${customerId}`;

/** What a person may search a customer by. */
export function customerSearchText(customer: Customer): { title: string; body: string } {
  return {
    title: customer.name,
    body: [customer.email, customer.phone, customer.plan, customer.tier, ...customer.openItems.map((item) => `${item.id} ${item.status}`)]
      .filter(Boolean)
      .join(' '),
  };
}

export class CustomersRepository {
  private readonly statements;

  constructor(
    private readonly store: StoreDatabase,
    private readonly cipher: AtRestCipher,
    private readonly index: SearchIndex,
  ) {
    const { db } = store;
    this.statements = {
      upsert: db.prepare(
        `INSERT INTO customers (id, payload, cached_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, cached_at = excluded.cached_at
         RETURNING seq`,
      ),
      get: db.prepare(`SELECT seq, payload, cached_at FROM customers WHERE id = ?`),
      extent: db.prepare(`SELECT coalesce(max(seq), 0) AS "end", count(*) AS total FROM customers`),
      indexPage: db.prepare(`SELECT seq, id, payload FROM customers WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`),
      first: db.prepare(`SELECT id, payload FROM customers ORDER BY seq LIMIT 1`),
      olderThan: db.prepare(`SELECT seq, id FROM customers WHERE cached_at < ?`),
      remove: db.prepare(`DELETE FROM customers WHERE seq = ?`),
      search: db.prepare(
        `SELECT c.id, c.cached_at, customers_fts.title AS title, ${SNIPPET_SQL('customers_fts', -1)} AS snippet
           FROM search.customers_fts JOIN customers c ON c.seq = customers_fts.rowid
          WHERE customers_fts MATCH ? ORDER BY customers_fts.rank LIMIT ?`,
      ),
    };
  }

  upsert(customer: Customer, cachedAt: number): void {
    const row = this.statements.upsert.get(customer.id, this.cipher.encryptJson(customer, context(customer.id)), cachedAt) as { seq: number };
    const text = customerSearchText(customer);
    this.index.put('customers_fts', row.seq, text.title, text.body);
  }

  get(customerId: string): CachedCustomer | null {
    const row = this.statements.get.get(customerId) as { payload: Buffer; cached_at: number } | undefined;
    if (!row) return null;
    return {
      customer: Customer.parse(this.cipher.decryptJson(row.payload, context(customerId))),
      cachedAt: new Date(row.cached_at).toISOString(),
    };
  }

  /** Feeds customers_fts from the sealed records after the store opened (search-index-build.ts). */
  indexSource(): IndexSource {
    type Row = { seq: number; id: string; payload: Buffer };
    return tableIndexSource<Row>({
      index: 'customers_fts',
      searchIndex: this.index,
      extent: () => this.statements.extent.get() as { end: number; total: number },
      page: (after, end, limit) => this.statements.indexPage.all(after, end, limit) as Row[],
      seqOf: (row) => row.seq,
      columnsOf: (row) => {
        const text = customerSearchText(Customer.parse(this.cipher.decryptJson(row.payload, context(row.id))));
        return [text.title, text.body];
      },
    });
  }

  /** Decrypts the first cached record, so a wrong key is refused when the store opens. */
  checkKey(): void {
    const row = this.statements.first.get() as { id: string; payload: Buffer } | undefined;
    if (row) this.cipher.decrypt(row.payload, context(row.id));
  }

  search(query: string, limit: number): CacheSearchHit[] {
    const match = toMatchExpression(query);
    if (!match) return [];
    return this.store.measure('customers.search', () =>
      (this.statements.search.all(match, limit) as { id: string; cached_at: number; title: string; snippet: string }[]).map((row) => ({
        kind: 'customer' as const,
        handoffId: null,
        customerId: row.id,
        title: row.title,
        snippet: toSegments(row.snippet),
        cachedAt: new Date(row.cached_at).toISOString(),
      })),
    );
  }

  /** Removes records cached before `cutoff`; returns their ids. */
  purgeOlderThan(cutoff: number): string[] {
    const rows = this.statements.olderThan.all(cutoff) as { seq: number; id: string }[];
    for (const row of rows) {
      this.statements.remove.run(row.seq);
      this.index.remove('customers_fts', row.seq);
    }
    return rows.map((row) => row.id);
  }
}
