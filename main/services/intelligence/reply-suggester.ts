// Turns a handoff into the top reply suggestions: embeds the latest customer message(s) with the
// on-device embedding model, ranks the library (reply-ranker.ts) and fills the placeholders from
// the customer record. Library embeddings are computed once per library and cached.
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

export class ReplySuggester {
  private library: ReplyMacro[];
  private candidates: Promise<RankCandidate[]> | null = null;

  constructor(
    private readonly embed: EmbedFn,
    library: readonly ReplyMacro[],
    private readonly usage: ReplyUsage,
  ) {
    this.library = [...library];
  }

  setLibrary(library: readonly ReplyMacro[]): void {
    this.library = [...library];
    this.candidates = null;
  }

  getLibrary(): readonly ReplyMacro[] {
    return this.library;
  }

  recordUse(replyId: string): boolean {
    if (!this.library.some((m) => m.id === replyId)) return false;
    this.usage.record(replyId);
    return true;
  }

  /** Embeds every macro's title and examples (once; cached until the library changes). */
  prepare(): Promise<RankCandidate[]> {
    if (!this.candidates) {
      const library = this.library;
      const pending = (async () => {
        const texts = library.flatMap((m) => [m.title, ...m.examples]);
        const vectors: number[][] = [];
        for (let i = 0; i < texts.length; i += 512) vectors.push(...(await this.embed(texts.slice(i, i + 512))));
        let at = 0;
        return library.map((m) => {
          const n = 1 + m.examples.length;
          const c: RankCandidate = { id: m.id, intent: m.intent, vectors: vectors.slice(at, at + n) };
          at += n;
          return c;
        });
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
