// Ranks reply macros for a conversation: cosine similarity between the conversation's embedding
// and each macro's example phrasings (best match counts), a bonus when the macro answers the
// conversation's detected intent, and a small, saturating boost for replies this agent accepted
// before. Pure: vectors in, ordered ids out.

export interface RankCandidate {
  id: string;
  intent: string;
  /** Unit-length embeddings of the macro's examples (and title). */
  vectors: readonly (readonly number[])[];
}

export interface RankQuery {
  /** Unit-length embedding of the latest customer message(s). */
  vector: readonly number[];
  /** The conversation's intent as the bot detected it (any spelling: "Refund request", "refund_request"). */
  intent?: string;
  /** How often the agent accepted each reply id before. */
  usage?: ReadonlyMap<string, number>;
  /** Extra per-reply bonuses decided by the caller (e.g. a VIP greeting for a VIP's first reply). */
  bonus?: ReadonlyMap<string, number>;
}

export interface RankedReply {
  id: string;
  score: number;
  similarity: number;
}

export const INTENT_BONUS = 0.15;
export const USAGE_BOOST_PER_DOUBLING = 0.04;
export const USAGE_BOOST_MAX = 0.12;

export function usageBoost(timesUsed: number): number {
  if (timesUsed <= 0) return 0;
  return Math.min(USAGE_BOOST_MAX, USAGE_BOOST_PER_DOUBLING * Math.log2(1 + timesUsed));
}

function normalizeIntent(intent: string): string[] {
  return intent
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2 && !['request', 'issue', 'question', 'problem', 'the'].includes(w));
}

function wordsMatch(a: readonly string[], b: readonly string[]): boolean {
  return a.some((w) => b.some((x) => x === w || (w.length >= 5 && x.length >= 5 && (w.startsWith(x) || x.startsWith(w)))));
}

export function intentMatches(conversationIntent: string | undefined, macroIntent: string): boolean {
  if (!conversationIntent) return false;
  return wordsMatch(normalizeIntent(conversationIntent), normalizeIntent(macroIntent));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

export function rankReplies(query: RankQuery, candidates: readonly RankCandidate[], limit = 3): RankedReply[] {
  const ranked: RankedReply[] = [];
  // Libraries share a handful of intents: decide each distinct intent once per query.
  const queryIntent = query.intent ? normalizeIntent(query.intent) : [];
  const intentBonus = new Map<string, number>();
  for (const c of candidates) {
    let similarity = -1;
    for (const v of c.vectors) {
      const s = dot(query.vector, v);
      if (s > similarity) similarity = s;
    }
    let bonus = intentBonus.get(c.intent);
    if (bonus === undefined) {
      bonus = queryIntent.length > 0 && wordsMatch(queryIntent, normalizeIntent(c.intent)) ? INTENT_BONUS : 0;
      intentBonus.set(c.intent, bonus);
    }
    const score =
      similarity +
      bonus +
      usageBoost(query.usage?.get(c.id) ?? 0) +
      (query.bonus?.get(c.id) ?? 0);
    ranked.push({ id: c.id, score, similarity });
  }
  // Partial selection would be faster for huge libraries; a full sort of 5,000 is well under a ms.
  ranked.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return ranked.slice(0, limit);
}
