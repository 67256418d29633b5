// Cached handoffs with their conversations and messages (per-message sentiment kept in clear
// columns so trends can be drawn without decrypting). The handoff payload is stored without its
// messages; the messages table is the one source of the transcript.
import type { CacheSearchHit, CachedHandoff, InboxItem } from '../../../shared/api';
import { Handoff, type Message, type Sentiment } from '../../../shared/domain';
import type { AtRestCipher } from './at-rest-cipher';
import { SNIPPET_SQL, toMatchExpression, toSegments, type SearchIndex } from './search-index';
import { tableIndexSource, type IndexSource } from './search-index-build';
import type { StoreDatabase } from './store-database';

const handoffContext = (handoffId: string) => `handoff:${handoffId}`;
const messageContext = (handoffId: string, messageId: string) => `message:${handoffId}:${messageId}`;

interface HandoffRow {
  seq: number;
  id: string;
  payload: Buffer;
  offer_expires_at: string | null;
  cached_at: number;
}

interface MessageRow {
  id: string;
  author: Message['author'];
  at: string;
  body: Buffer;
  sentiment_label: Sentiment['label'] | null;
  sentiment_score: number | null;
  sentiment_source: string | null;
}

export class HandoffsRepository {
  private readonly statements;

  constructor(
    private readonly store: StoreDatabase,
    private readonly cipher: AtRestCipher,
    private readonly index: SearchIndex,
  ) {
    const { db } = store;
    this.statements = {
      upsert: db.prepare(
        `INSERT INTO handoffs (id, customer_id, status, priority, received_at, offer_expires_at, payload, cached_at)
         VALUES (@id, @customerId, @status, @priority, @receivedAt, @offerExpiresAt, @payload, @cachedAt)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, status = excluded.status, priority = excluded.priority,
           offer_expires_at = excluded.offer_expires_at, payload = excluded.payload, cached_at = excluded.cached_at
         RETURNING seq`,
      ),
      get: db.prepare(`SELECT * FROM handoffs WHERE id = ?`),
      exists: db.prepare(`SELECT seq FROM handoffs WHERE id = ?`),
      list: db.prepare(`SELECT * FROM handoffs ORDER BY received_at DESC`),
      extent: db.prepare(`SELECT coalesce(max(seq), 0) AS "end", count(*) AS total FROM handoffs`),
      indexPage: db.prepare(`SELECT * FROM handoffs WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`),
      first: db.prepare(`SELECT id, payload FROM handoffs ORDER BY seq LIMIT 1`),
      touch: db.prepare(`UPDATE handoffs SET cached_at = ? WHERE id = ?`),
      insertMessage: db.prepare(
        `INSERT INTO messages (handoff_id, id, ordinal, author, at, body, sentiment_label, sentiment_score, sentiment_source)
         VALUES (@handoffId, @id, (SELECT coalesce(max(ordinal), 0) + 1 FROM messages WHERE handoff_id = @handoffId), @author, @at, @body,
                 @label, @score, @source)
         ON CONFLICT (handoff_id, id) DO UPDATE SET body = excluded.body,
           sentiment_label = coalesce(excluded.sentiment_label, messages.sentiment_label),
           sentiment_score = coalesce(excluded.sentiment_score, messages.sentiment_score),
           sentiment_source = coalesce(excluded.sentiment_source, messages.sentiment_source)`,
      ),
      messages: db.prepare(`SELECT * FROM messages WHERE handoff_id = ? ORDER BY ordinal`),
      setSentiment: db.prepare(
        `UPDATE messages SET sentiment_label = ?, sentiment_score = ?, sentiment_source = ? WHERE handoff_id = ? AND id = ?`,
      ),
      olderThan: db.prepare(`SELECT seq, id, customer_id FROM handoffs WHERE cached_at < ?`),
      remove: db.prepare(`DELETE FROM handoffs WHERE seq = ?`),
      search: db.prepare(
        `SELECT h.id, h.customer_id, h.cached_at, handoffs_fts.title AS title, ${SNIPPET_SQL('handoffs_fts', -1)} AS snippet
           FROM search.handoffs_fts JOIN handoffs h ON h.seq = handoffs_fts.rowid
          WHERE handoffs_fts MATCH ? ORDER BY handoffs_fts.rank LIMIT ?`,
      ),
    };
  }

  has(handoffId: string): boolean {
    return this.statements.exists.get(handoffId) !== undefined;
  }

  /** Stores the handoff and every message it carries (new messages appended, known ones kept). */
  upsert(item: InboxItem, cachedAt: number): void {
    const { handoff } = item;
    const { messages, ...conversation } = handoff.conversation;
    const row = this.statements.upsert.get({
      id: handoff.id,
      customerId: handoff.customer.id,
      status: handoff.status,
      priority: handoff.priority,
      receivedAt: handoff.receivedAt,
      offerExpiresAt: item.offerExpiresAt,
      payload: this.cipher.encryptJson({ ...handoff, conversation: { ...conversation, messages: [] } }, handoffContext(handoff.id)),
      cachedAt,
    }) as { seq: number };
    for (const message of messages) this.insertMessage(handoff.id, message);
    this.reindex(row.seq, handoff.id);
  }

  appendMessage(handoffId: string, message: Message, cachedAt: number): void {
    this.insertMessage(handoffId, message);
    this.statements.touch.run(cachedAt, handoffId);
    const row = this.statements.exists.get(handoffId) as { seq: number } | undefined;
    if (row) this.reindex(row.seq, handoffId);
  }

  setMessageSentiment(handoffId: string, messageId: string, sentiment: Sentiment): boolean {
    return this.statements.setSentiment.run(sentiment.label, sentiment.score, sentiment.source, handoffId, messageId).changes > 0;
  }

  get(handoffId: string): CachedHandoff | null {
    const row = this.statements.get.get(handoffId) as HandoffRow | undefined;
    return row ? this.toCached(row) : null;
  }

  list(): CachedHandoff[] {
    return this.store.measure('handoffs.list', () => (this.statements.list.all() as HandoffRow[]).map((row) => this.toCached(row)));
  }

  /** Feeds handoffs_fts from the sealed handoffs and transcripts after the store opened (search-index-build.ts). */
  indexSource(): IndexSource {
    return tableIndexSource<HandoffRow>({
      index: 'handoffs_fts',
      // A handoff is read with its whole transcript: count it as a few notes' worth of work.
      weight: 20,
      searchIndex: this.index,
      extent: () => this.statements.extent.get() as { end: number; total: number },
      page: (after, end, limit) => this.statements.indexPage.all(after, end, limit) as HandoffRow[],
      seqOf: (row) => row.seq,
      columnsOf: (row) => {
        const text = handoffSearchText(this.toCached(row).handoff);
        return [text.title, text.body];
      },
    });
  }

  /** Decrypts the first cached handoff, so a wrong key is refused when the store opens. */
  checkKey(): void {
    const row = this.statements.first.get() as { id: string; payload: Buffer } | undefined;
    if (row) this.cipher.decrypt(row.payload, handoffContext(row.id));
  }

  search(query: string, limit: number): CacheSearchHit[] {
    const match = toMatchExpression(query);
    if (!match) return [];
    return this.store.measure('handoffs.search', () =>
      (this.statements.search.all(match, limit) as { id: string; customer_id: string; cached_at: number; title: string; snippet: string }[]).map(
        (row) => ({
          kind: 'handoff' as const,
          handoffId: row.id,
          customerId: row.customer_id,
          title: row.title,
          snippet: toSegments(row.snippet),
          cachedAt: new Date(row.cached_at).toISOString(),
        }),
      ),
    );
  }

  /** Removes handoffs (and their transcripts) cached before `cutoff`; returns their ids. */
  purgeOlderThan(cutoff: number): string[] {
    const rows = this.statements.olderThan.all(cutoff) as { seq: number; id: string }[];
    for (const row of rows) {
      this.statements.remove.run(row.seq);
      this.index.remove('handoffs_fts', row.seq);
    }
    return rows.map((row) => row.id);
  }

  private insertMessage(handoffId: string, message: Message): void {
    this.statements.insertMessage.run({
      handoffId,
      id: message.id,
      author: message.author,
      at: message.at,
      body: this.cipher.encrypt(message.text, messageContext(handoffId, message.id)),
      label: message.sentiment?.label ?? null,
      score: message.sentiment?.score ?? null,
      source: message.sentiment?.source ?? null,
    });
  }

  private messagesOf(handoffId: string): Message[] {
    return (this.statements.messages.all(handoffId) as MessageRow[]).map((row) => ({
      id: row.id,
      author: row.author,
      at: row.at,
      text: this.cipher.decrypt(row.body, messageContext(handoffId, row.id)),
      ...(row.sentiment_label !== null && row.sentiment_score !== null
        ? { sentiment: { label: row.sentiment_label, score: row.sentiment_score, source: row.sentiment_source ?? 'unknown' } }
        : {}),
    }));
  }

  private toCached(row: HandoffRow): CachedHandoff {
    const stored = this.cipher.decryptJson(row.payload, handoffContext(row.id)) as { conversation: { messages: Message[] } };
    stored.conversation.messages = this.messagesOf(row.id);
    return { handoff: Handoff.parse(stored), offerExpiresAt: row.offer_expires_at, cachedAt: new Date(row.cached_at).toISOString() };
  }

  private reindex(seq: number, handoffId: string): void {
    // The background build has not reached this row: it will read it as committed (no decryption here).
    if (this.index.deferred('handoffs_fts', seq)) return;
    const cached = this.get(handoffId);
    if (!cached) return;
    const text = handoffSearchText(cached.handoff);
    this.index.put('handoffs_fts', seq, text.title, text.body);
  }
}

/** What a person may search a cached handoff by: the customer's name as title, the conversation as body. */
function handoffSearchText(handoff: Handoff): { title: string; body: string } {
  const body = [
    handoff.customer.email,
    handoff.conversation.summary,
    handoff.conversation.intent,
    handoff.triggerDetail,
    ...handoff.conversation.messages.map((message) => message.text),
  ]
    .filter(Boolean)
    .join('\n');
  return { title: handoff.customer.name, body };
}
