// How embedding quality is judged on labelled queries: classify each held-out query by the
// nearest class centroid and by a k-nearest-neighbour vote over the labelled set.
export type Similarity<V> = (a: V, b: V) => number;

export function centroidAccuracy(train: readonly { label: string; vec: number[] }[], test: readonly { label: string; vec: number[] }[]): number {
  const sums = new Map<string, number[]>();
  for (const { label, vec } of train) {
    const s = sums.get(label) ?? new Array<number>(vec.length).fill(0);
    vec.forEach((x, i) => (s[i]! += x));
    sums.set(label, s);
  }
  const centroids = [...sums].map(([label, s]) => {
    const n = Math.sqrt(s.reduce((a, x) => a + x * x, 0)) || 1;
    return { label, vec: s.map((x) => x / n) };
  });
  let correct = 0;
  for (const q of test) {
    let best = '';
    let bestSim = -Infinity;
    for (const c of centroids) {
      const sim = dot(q.vec, c.vec);
      if (sim > bestSim) [best, bestSim] = [c.label, sim];
    }
    if (best === q.label) correct++;
  }
  return test.length ? correct / test.length : 0;
}

/** k-NN vote (ties broken by summed similarity); with `leaveOneOut` the query itself is skipped. */
export function knnAccuracy<V>(train: readonly { label: string; vec: V }[], test: readonly { label: string; vec: V }[], sim: Similarity<V>, k = 5, leaveOneOut = false): number {
  let correct = 0;
  for (const q of test) {
    const scored = train.filter((t) => !(leaveOneOut && t === q)).map((t) => ({ label: t.label, s: sim(q.vec, t.vec) }));
    scored.sort((a, b) => b.s - a.s);
    const votes = new Map<string, number>();
    for (const { label, s } of scored.slice(0, k)) votes.set(label, (votes.get(label) ?? 0) + 1 + s * 1e-3);
    const best = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (best === q.label) correct++;
  }
  return test.length ? correct / test.length : 0;
}

export function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
