// Turns a handoff into the top reply suggestions: embeds the latest customer message(s) with the
// on-device embedding model, ranks the library (reply-ranker.ts) and fills the placeholders from
// the customer record. Each macro's embeddings are computed once and kept until its title or
// examples change, so editing one macro re-embeds that macro only.
import type { Handoff } from '../../../shared/domain';
import type { ReplySuggestion } from '../../../shared/intelligence';
import type { ReplyMacro } from './reply-library';
import { fillPlaceholders } from './reply-placeholders';
import { rankReplies, type RankCandidate } from './reply-ranker';
import type { ReplyUsage } from './reply-usage';

export type EmbedFn = (texts: readonly string[]) => Promise<number[][]>;

/** How much the customer message before the latest one counts in the query (the latest counts 1). */
const PREVIOUS_MESSAGE_WEIGHT = 0.35;
export const FIRST_REPLY_BONUS = 0.25;

/** What a macro's embeddings depend on: a macro whose title and examples did not change keeps them. */
function embeddingKey(macro: ReplyMacro): string {
  return JSON.stringify([macro.title, ...macro.examples]);
}

export class ReplySuggester {
  private library: ReplyMacro[];
  private candidates: Promise<RankCandidate[]> | null = null;
  /** Unit vectors of [title, ...examples] by embeddingKey, kept across library changes. */
  private readonly vectors = new Map<string, number[][]>();
  private embeddedTexts = 0;
  /** The embedding model the cached vectors came from; another model's vectors are not comparable. */
  private vectorsModel: string | null = null;

  constructor(
    private readonly embed: EmbedFn,
    library: readonly ReplyMacro[],
    private readonly usage: ReplyUsage,
    private readonly options: { embeddingModel?: () => string } = {},
  ) {
    this.library = [...library];
  }

  /** Drops every cached vector (the embedding model changed); the next suggestion re-embeds the library. */
  invalidateEmbeddings(): void {
    this.vectors.clear();
    this.candidates = null;
  }

  /** Takes the current library; only macros whose title or examples changed are embedded again. */
  setLibrary(library: readonly ReplyMacro[]): void {
    this.library = [...library];
    this.candidates = null;
  }

  getLibrary(): readonly ReplyMacro[] {
    return this.library;
  }

  /** How many texts this suggester has embedded so far (the cost of library changes). */
  get textsEmbedded(): number {
    return this.embeddedTexts;
  }

  recordUse(replyId: string): boolean {
    if (!this.library.some((m) => m.id === replyId)) return false;
    this.usage.record(replyId);
    return true;
  }

  /** Embeds the title and examples of every macro not embedded yet (cached until they change). */
  prepare(): Promise<RankCandidate[]> {
    const model = this.options.embeddingModel?.() ?? '';
    if (this.vectorsModel !== model) {
      this.vectorsModel = model;
      this.invalidateEmbeddings();
    }
    if (!this.candidates) {
      const library = this.library;
      const pending = (async () => {
        // This run's own view of the vectors: a concurrent run may prune the shared map meanwhile.
        const own = new Map<string, number[][]>();
        const missing = new Map<string, ReplyMacro>();
        for (const m of library) {
          const key = embeddingKey(m);
          const known = this.vectors.get(key);
          if (known) own.set(key, known);
          else if (!missing.has(key)) missing.set(key, m);
        }
        const texts = [...missing.values()].flatMap((m) => [m.title, ...m.examples]);
        const vectors: number[][] = [];
        for (let i = 0; i < texts.length; i += 512) vectors.push(...(await this.embed(texts.slice(i, i + 512))));
        this.embeddedTexts += texts.length;
        let at = 0;
        for (const [key, m] of missing) {
          const n = 1 + m.examples.length;
          const slice = vectors.slice(at, at + n);
          own.set(key, slice);
          this.vectors.set(key, slice);
          at += n;
        }
        const candidates = library.map((m): RankCandidate => ({ id: m.id, intent: m.intent, vectors: own.get(embeddingKey(m))! }));
        // Vectors of macros that left the library (hidden, edited, deleted) are kept a while, so
        // showing a hidden one again costs nothing; once they outnumber the live ones, they go.
        if (this.library === library && this.vectors.size > 2 * library.length + 100) {
          const live = new Set(library.map(embeddingKey));
          for (const key of this.vectors.keys()) if (!live.has(key)) this.vectors.delete(key);
        }
        return candidates;
      })();
      pending.catch(() => {
        if (this.candidates === pending) this.candidates = null;
      });
      this.candidates = pending;
    }
    return this.candidates;
  }

  /** Ranks the library for free text (eval:suggest and benchmarks use this directly). */
  async rankText(texts: readonly string[], intent?: string, limit = 3) {
    const candidates = await this.prepare();
    const vector = await this.queryVector(texts);
    return rankReplies({ vector, intent, usage: this.usage.counts() }, candidates, limit);
  }

  async suggest(handoff: Handoff, agentName?: string, limit = 3): Promise<ReplySuggestion[]> {
    const messages = handoff.conversation.messages;
    const customerTexts = messages.filter((m) => m.author === 'customer' && m.text.trim() !== '').map((m) => m.text);
    const texts = customerTexts.length > 0 ? customerTexts.slice(-2) : [handoff.conversation.summary];
    const candidates = await this.prepare();
    const vector = await this.queryVector(texts);
    const agentHasReplied = messages.some((m) => m.author === 'agent');
    const bonus = new Map<string, number>();
    if (!agentHasReplied) {
      // Opening lines: the VIP greeting for VIPs, the "a person joins" line when one was asked for.
      if (handoff.customer.tier === 'vip') bonus.set('vip-greeting', FIRST_REPLY_BONUS);
      if (handoff.trigger === 'human_requested') bonus.set('human-greeting', FIRST_REPLY_BONUS);
    }
    const intent = handoff.conversation.intent ?? handoff.conversation.recentIntents.at(-1);
    const ranked = rankReplies({ vector, intent, usage: this.usage.counts(), bonus }, candidates, limit);
    const byId = new Map(this.library.map((m) => [m.id, m]));
    return ranked.map((r) => {
      const macro = byId.get(r.id)!;
      const filled = fillPlaceholders(macro.text, { handoff, agentName });
      return { replyId: macro.id, title: macro.title, intent: macro.intent, text: filled.text, missing: filled.missing, score: r.score };
    });
  }

  /** Latest message first; the one before adds context at a lower weight. */
  private async queryVector(texts: readonly string[]): Promise<number[]> {
    const recent = texts.slice(-2);
    const vectors = await this.embed(recent);
    const latest = vectors[vectors.length - 1]!;
    const combined = latest.map((x, i) => x + (vectors.length > 1 ? PREVIOUS_MESSAGE_WEIGHT * vectors[0]![i]! : 0));
    const norm = Math.sqrt(combined.reduce((a, x) => a + x * x, 0)) || 1;
    return combined.map((x) => x / norm);
  }
}
