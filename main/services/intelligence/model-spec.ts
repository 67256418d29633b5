// What the model worker needs to load one model: where its folder is, which ONNX file to pick, and
// (sentiment) how its labels map to Baton's three classes. Built by the service from a folder name,
// or by the model manager from a catalog entry, a downloaded folder or IT's folder.
import { join, resolve } from 'node:path';
import type { SentimentLabelMap } from '../../../shared/models';
import type { ModelDtype } from './model-download';

export interface ModelSpec {
  /** The model's id (its folder name); what `Sentiment.source` and the status report. */
  id: string;
  /** Absolute path of the model folder (config.json, tokenizer.json, onnx/…). */
  path: string;
  /** fp32 → onnx/model.onnx, q8 → onnx/model_quantized.onnx (transformers.js' dtype suffixes). */
  dtype: ModelDtype;
  /** Sentiment models only. */
  labels?: SentimentLabelMap;
}

/** Baton's own models already speak negative/neutral/positive. */
export const THREE_CLASS_LABELS: SentimentLabelMap = { values: { negative: -1, neutral: 0, positive: 1 }, neutralBand: 0 };

/** The ONNX file transformers.js 4 loads for a dtype (DEFAULT_DTYPE_SUFFIX_MAPPING in its dtypes.js). */
export const DTYPE_SUFFIX: Record<ModelDtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized', int8: '_int8', uint8: '_uint8', q4: '_q4' };

export function onnxFileFor(dtype: ModelDtype): string {
  return `onnx/model${DTYPE_SUFFIX[dtype]}.onnx`;
}

/** A model folder named `id` under `modelsDir`, in the built-in models' layout (fp32, three classes). */
export function folderSpec(modelsDir: string, id: string, labels: SentimentLabelMap | undefined = THREE_CLASS_LABELS): ModelSpec {
  return { id, path: resolve(join(modelsDir, id)), dtype: 'fp32', ...(labels ? { labels } : {}) };
}
