// Judges baton-embed-mini the usual way: embed the labelled BANKING77 queries (the training split),
// classify the held-out queries (the same seeded split the trainer used) by nearest centroid and
// by 5-NN, next to a TF-IDF baseline in the same run; then a leave-one-out 1-NN check on the
// hand-written cross-domain support queries (shops, travel, accounts).
// usage: npm run eval:embed -- [--intents FILE] [--support FILE] [--model NAME] [--json]
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { splitIntents } from './embed/intent-split';
import { centroidAccuracy, dot, knnAccuracy } from './embed/neighbour-accuracy';
import { sparseDot, TfIdf, type SparseVector } from './embed/tfidf';
import { readLabelledFile, type LabelledText } from './text/labelled-file';

const root = resolve(import.meta.dirname, '..');

export interface EmbedEvaluation {
  model: { name: string; centroid: number; knn5: number; supportLoo1nn: number; usPerQuery: number };
  baseline: { name: string; centroid: number; knn5: number; supportLoo1nn: number };
  counts: { train: number; holdout: number; support: number };
}

function sparseCentroidAccuracy(train: { label: string; vec: SparseVector }[], test: { label: string; vec: SparseVector }[]): number {
  const sums = new Map<string, SparseVector>();
  for (const { label, vec } of train) {
    const s = sums.get(label) ?? new Map<string, number>();
    for (const [k, x] of vec) s.set(k, (s.get(k) ?? 0) + x);
    sums.set(label, s);
  }
  const centroids = [...sums].map(([label, s]) => {
    const n = Math.sqrt([...s.values()].reduce((a, x) => a + x * x, 0)) || 1;
    return { label, vec: new Map([...s].map(([k, x]) => [k, x / n])) };
  });
  let correct = 0;
  for (const q of test) {
    let best = '';
    let bestSim = -Infinity;
    for (const c of centroids) {
      const sim = sparseDot(q.vec, c.vec);
      if (sim > bestSim) [best, bestSim] = [c.label, sim];
    }
    if (best === q.label) correct++;
  }
  return correct / test.length;
}

export async function evaluateEmbeddings(options: { intents: string; support: string; model: string; modelsDir?: string }): Promise<EmbedEvaluation> {
  env.allowRemoteModels = false;
  env.localModelPath = (options.modelsDir ?? resolve(root, 'models')) + '/';
  const extract = (await pipeline('feature-extraction', options.model)) as FeatureExtractionPipeline;
  const embedAll = async (rows: readonly LabelledText[]) => {
    const out: { label: string; vec: number[] }[] = [];
    for (let i = 0; i < rows.length; i += 256) {
      const batch = rows.slice(i, i + 256);
      const vecs = (await extract(batch.map((r) => r.text), { pooling: 'mean', normalize: true })).tolist() as number[][];
      batch.forEach((r, j) => out.push({ label: r.label, vec: vecs[j]! }));
    }
    return out;
  };
  const { train, holdout } = splitIntents(readLabelledFile(options.intents), 0.1, 7);
  const support = readLabelledFile(options.support);

  const trainVecs = await embedAll(train);
  const started = performance.now();
  const holdoutVecs = await embedAll(holdout);
  const usPerQuery = ((performance.now() - started) * 1000) / holdout.length;
  const supportVecs = await embedAll(support);

  const tfidf = new TfIdf(train.map((r) => r.text));
  const sparse = (rows: readonly LabelledText[]) => rows.map((r) => ({ label: r.label, vec: tfidf.vector(r.text) }));
  const tTrain = sparse(train);
  const tHold = sparse(holdout);
  const supportTfidf = new TfIdf(support.map((r) => r.text));
  const tSupport = support.map((r) => ({ label: r.label, vec: supportTfidf.vector(r.text) }));

  return {
    model: {
      name: options.model,
      centroid: centroidAccuracy(trainVecs, holdoutVecs),
      knn5: knnAccuracy(trainVecs, holdoutVecs, dot, 5),
      supportLoo1nn: knnAccuracy(supportVecs, supportVecs, dot, 1, true),
      usPerQuery,
    },
    baseline: {
      name: 'tf-idf (word 1-2 grams)',
      centroid: sparseCentroidAccuracy(tTrain, tHold),
      knn5: knnAccuracy(tTrain, tHold, sparseDot, 5),
      supportLoo1nn: knnAccuracy(tSupport, tSupport, sparseDot, 1, true),
    },
    counts: { train: train.length, holdout: holdout.length, support: support.length },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      intents: { type: 'string', default: resolve(root, '../shared/data/intents/banking77-train.csv') },
      support: { type: 'string', default: resolve(root, 'training/eval/support-queries.tsv') },
      model: { type: 'string', default: 'baton-embed-mini' },
      json: { type: 'boolean', default: false },
    },
  });
  try {
    const r = await evaluateEmbeddings({ intents: values.intents, support: values.support, model: values.model });
    const pct = (x: number) => (x * 100).toFixed(1).padStart(6);
    console.log(`BANKING77: ${r.counts.train} labelled queries, ${r.counts.holdout} held out; support set: ${r.counts.support} queries`);
    console.log(`${'system'.padEnd(28)}centroid   5-NN   support LOO 1-NN`);
    console.log(`${r.model.name.padEnd(28)}${pct(r.model.centroid)} ${pct(r.model.knn5)} ${pct(r.model.supportLoo1nn)}   (${r.model.usPerQuery.toFixed(0)} µs/query)`);
    console.log(`${r.baseline.name.padEnd(28)}${pct(r.baseline.centroid)} ${pct(r.baseline.knn5)} ${pct(r.baseline.supportLoo1nn)}`);
    if (values.json) console.log(JSON.stringify(r));
  } catch (error) {
    console.error(`eval:embed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
