// The model worker: runs transformers.js off the main thread. Plain JavaScript on purpose, so the
// same file runs under tsx, under vitest and next to the electron-vite bundle without a loader.
// One pipeline per task, loaded on first use from a local folder only (remote models are off).
// Messages in:  { id, op: 'sentiment' | 'embed', texts: string[] } | { id, op: 'load', kind }
//               { op: 'configure', models } (no answer: switches models, see model-spec.ts)
// Messages out: { id, ok: true, result } | { id, ok: false, error: { code, message } }
//               { event: 'model', kind, state, model, reason?, loadMs? } (status changes)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';

const { faultInjection } = workerData;
/** kind → { id, path, dtype, labels? } */
let models = workerData.models;
env.allowRemoteModels = false;
env.allowLocalModels = true;

const TASKS = { sentiment: 'text-classification', embeddings: 'feature-extraction' };
// transformers.js picks onnx/model<suffix>.onnx from the dtype (DEFAULT_DTYPE_SUFFIX_MAPPING).
const DTYPE_SUFFIX = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4' };
/** kind → { spec, promise, users, retired } */
const loaded = new Map();

class ModelUnavailable extends Error {}

function requiredFiles(spec) {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', join('onnx', `model${DTYPE_SUFFIX[spec.dtype] ?? ''}.onnx`)];
}

/** A sentiment model whose labels are not all in its mapping would produce made-up classes. */
function checkLabels(spec) {
  const config = JSON.parse(readFileSync(join(spec.path, 'config.json'), 'utf8'));
  const labels = Object.values(config.id2label ?? {});
  const unmapped = labels.filter((l) => !(l in spec.labels.values));
  if (labels.length < 2 || unmapped.length > 0) {
    throw new ModelUnavailable(
      `model ${spec.id} has labels [${labels.join(', ')}], but its label mapping covers [${Object.keys(spec.labels.values).join(', ')}]`,
    );
  }
}

function load(kind) {
  const current = loaded.get(kind);
  if (current) return current;
  const spec = models[kind];
  const promise = (async () => {
    const started = performance.now();
    parentPort.postMessage({ event: 'model', kind, model: spec.id, state: 'loading' });
    const missing = requiredFiles(spec).filter((f) => !existsSync(join(spec.path, f)));
    if (missing.length > 0) throw new ModelUnavailable(`model folder ${spec.path} lacks ${missing.join(', ')}`);
    if (kind === 'sentiment') {
      if (!spec.labels) throw new ModelUnavailable(`sentiment model ${spec.id} has no label mapping`);
      try {
        checkLabels(spec);
      } catch (error) {
        if (error instanceof ModelUnavailable) throw error;
        throw new ModelUnavailable(`model ${spec.id}: config.json could not be read: ${error.message}`);
      }
    }
    try {
      // An absolute path is not a Hugging Face model id, so transformers.js reads the folder as is.
      const pipe = await pipeline(TASKS[kind], spec.path, { dtype: spec.dtype });
      const loadMs = performance.now() - started;
      parentPort.postMessage({ event: 'model', kind, model: spec.id, state: 'ready', loadMs });
      return pipe;
    } catch (error) {
      throw new ModelUnavailable(`model ${spec.id} failed to load: ${error instanceof Error ? error.message : String(error)}`);
    }
  })();
  const entry = { spec, promise, users: 0, retired: false };
  promise.catch((error) => {
    parentPort.postMessage({ event: 'model', kind, model: spec.id, state: 'unavailable', reason: error.message.slice(0, 1000) });
  });
  loaded.set(kind, entry);
  return entry;
}

/** Runs `fn` with the task's pipeline; a pipeline switched away from is released after its last user. */
async function withPipeline(kind, fn) {
  const entry = load(kind);
  entry.users++;
  try {
    return await fn(await entry.promise, entry.spec);
  } finally {
    entry.users--;
    if (entry.retired && entry.users === 0) release(entry);
  }
}

function release(entry) {
  entry.promise.then((pipe) => pipe.dispose?.()).catch(() => undefined);
}

function configure(next) {
  for (const kind of Object.keys(TASKS)) {
    if (JSON.stringify(next[kind]) === JSON.stringify(models[kind])) continue;
    const entry = loaded.get(kind);
    loaded.delete(kind);
    if (entry) {
      entry.retired = true;
      if (entry.users === 0) release(entry);
    }
  }
  models = next;
}

/** Maps a model's own labels to negative/neutral/positive with a score in [-1, 1] (shared/models.ts). */
function toSentiment(scores, labels) {
  let score = 0;
  const mass = { negative: 0, neutral: 0, positive: 0 };
  for (const { label, score: p } of scores) {
    const value = labels.values[label];
    if (value === undefined) throw new ModelUnavailable(`the model produced label ${label}, which its label mapping lacks`);
    score += p * value;
    mass[value < 0 ? 'negative' : value > 0 ? 'positive' : 'neutral'] += p;
  }
  let label = 'neutral';
  if (mass.negative > mass[label]) label = 'negative';
  if (mass.positive > mass[label]) label = 'positive';
  if (Math.abs(score) < (labels.neutralBand ?? 0)) label = 'neutral';
  return { label, score: Math.max(-1, Math.min(1, score)), confidence: Math.max(mass.negative, mass.neutral, mass.positive) };
}

async function sentiment(texts) {
  return withPipeline('sentiment', async (classify, spec) => {
    const out = [];
    for (const text of texts) {
      // top_k: null returns every class, so the score can weigh positive against negative.
      const scores = await classify(text, { top_k: null });
      out.push({ ...toSentiment(scores, spec.labels), model: spec.id });
    }
    return out;
  });
}

async function embed(texts) {
  if (texts.length === 0) return [];
  return withPipeline('embeddings', async (extract) => {
    const tensor = await extract(texts, { pooling: 'mean', normalize: true });
    return tensor.tolist();
  });
}

parentPort.on('message', async (msg) => {
  const { id, op } = msg ?? {};
  if (op === 'configure') {
    configure(msg.models);
    return;
  }
  try {
    let result;
    if (op === 'sentiment') result = await sentiment(msg.texts);
    else if (op === 'embed') result = await embed(msg.texts);
    else if (op === 'load') {
      await load(msg.kind).promise;
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
