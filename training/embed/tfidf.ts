// The TF-IDF baseline the embedding model is compared with: lowercase word unigrams and bigrams,
// sublinear tf, smoothed idf, L2-normalised sparse vectors.
export type SparseVector = Map<string, number>;

export function words(text: string): string[] {
  const toks = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const grams = [...toks];
  for (let i = 0; i + 1 < toks.length; i++) grams.push(`${toks[i]} ${toks[i + 1]}`);
  return grams;
}

export class TfIdf {
  private readonly idf = new Map<string, number>();

  constructor(corpus: readonly string[]) {
    const df = new Map<string, number>();
    for (const text of corpus) for (const w of new Set(words(text))) df.set(w, (df.get(w) ?? 0) + 1);
    for (const [w, n] of df) this.idf.set(w, Math.log((1 + corpus.length) / (1 + n)) + 1);
  }

  vector(text: string): SparseVector {
    const tf = new Map<string, number>();
    for (const w of words(text)) if (this.idf.has(w)) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v: SparseVector = new Map();
    let norm = 0;
    for (const [w, n] of tf) {
      const x = (1 + Math.log(n)) * this.idf.get(w)!;
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [w, x] of v) v.set(w, x / norm);
    return v;
  }
}

export function sparseDot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}
