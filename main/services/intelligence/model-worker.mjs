// The model worker: runs transformers.js off the main thread. Plain JavaScript on purpose, so the
// same file runs under tsx, under vitest and next to the electron-vite bundle without a loader.
// One pipeline promise per model, loaded on first use, local files only.
// Messages in:  { id, op: 'sentiment' | 'embed', texts: string[] } | { id, op: 'load', kind }
// Messages out: { id, ok: true, result } | { id, ok: false, error: { code, message } }
//               { event: 'model', kind, state, model, reason?, loadMs? } (status changes)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';

const { modelsDir, models, faultInjection } = workerData;
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = modelsDir.endsWith('/') ? modelsDir : modelsDir + '/';

const TASKS = { sentiment: 'text-classification', embeddings: 'feature-extraction' };
const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', join('onnx', 'model.onnx')];
const pipelines = new Map();

class ModelUnavailable extends Error {}

function load(kind) {
  let promise = pipelines.get(kind);
  if (promise) return promise;
  const model = models[kind];
  promise = (async () => {
    const started = performance.now();
    parentPort.postMessage({ event: 'model', kind, model, state: 'loading' });
    const dir = join(modelsDir, model);
    const missing = REQUIRED_FILES.filter((f) => !existsSync(join(dir, f)));
    if (missing.length > 0) throw new ModelUnavailable(`model folder ${dir} lacks ${missing.join(', ')}`);
    try {
      const pipe = await pipeline(TASKS[kind], model, { dtype: 'fp32' });
      const loadMs = performance.now() - started;
      parentPort.postMessage({ event: 'model', kind, model, state: 'ready', loadMs });
      return pipe;
    } catch (error) {
      throw new ModelUnavailable(`model ${model} failed to load: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
  promise.catch((error) => {
    parentPort.postMessage({ event: 'model', kind, model, state: 'unavailable', reason: error.message.slice(0, 1000) });
  });
  pipelines.set(kind, promise);
  return promise;
}

async function sentiment(texts) {
  const classify = await load('sentiment');
  const out = [];
  for (const text of texts) {
    // top_k: null returns every class, so the score can weigh positive against negative.
    const scores = await classify(text, { top_k: null });
    const by = Object.fromEntries(scores.map((s) => [s.label, s.score]));
    if (!('negative' in by && 'neutral' in by && 'positive' in by)) {
      throw new ModelUnavailable(`model ${models.sentiment} does not produce negative/neutral/positive labels`);
    }
    const best = scores.reduce((a, b) => (b.score > a.score ? b : a));
    out.push({ label: best.label, score: Math.max(-1, Math.min(1, by.positive - by.negative)), confidence: best.score });
  }
  return out;
}

async function embed(texts) {
  const extract = await load('embeddings');
  if (texts.length === 0) return [];
  const tensor = await extract(texts, { pooling: 'mean', normalize: true });
  return tensor.tolist();
}

parentPort.on('message', async (msg) => {
  const { id, op } = msg ?? {};
  try {
    let result;
    if (op === 'sentiment') result = await sentiment(msg.texts);
    else if (op === 'embed') result = await embed(msg.texts);
    else if (op === 'load') {
      await load(msg.kind);
      result = null;
    } else if (faultInjection && op === 'crash') {
      process.exit(70);
    } else if (faultInjection && op === 'hang') {
      for (;;);
    } else throw new Error(`unknown op ${String(op)}`);
    parentPort.postMessage({ id, ok: true, result });
  } catch (error) {
    const code = error instanceof ModelUnavailable ? 'model_unavailable' : 'failed';
    parentPort.postMessage({ id, ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } });
  }
});
