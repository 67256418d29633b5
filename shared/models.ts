// The model manager as the renderer sees it (issue 5, "Larger models on demand"): which model each
// task uses, which others are available (built in, from the catalog, dropped in a folder by IT),
// and downloads in progress. Models run on the agent's machine only; downloads fetch model files,
// never customer text.
import { z } from 'zod';
import { ModelStatus } from './intelligence';

export const MODEL_TASKS = ['sentiment', 'embeddings'] as const;
export const ModelTask = z.enum(MODEL_TASKS);
export type ModelTask = z.infer<typeof ModelTask>;

/** A model's id: its folder name, e.g. baton-sentiment-mini or distilbert-sst2. */
export const ModelId = z.string().regex(/^[a-zA-Z0-9][\w.-]{0,99}$/, 'letters, digits, dot, dash or underscore (at most 100)');
export type ModelId = z.infer<typeof ModelId>;

/**
 * How a sentiment model's own labels become Baton's negative/neutral/positive with a score in
 * [-1, 1]: each model label has a value (-1 = negative … +1 = positive). The score is the
 * probability-weighted mean of the values; the class is the largest of the summed probabilities of
 * the negative (< 0), neutral (0) and positive (> 0) labels. A model without a neutral label
 * (SST-2) gets neutral from `neutralBand`: a score closer to 0 than that counts as neutral.
 */
export const SentimentLabelMap = z.object({
  values: z.record(z.string().min(1).max(100), z.number().min(-1).max(1)).refine((v) => Object.keys(v).length >= 2, 'needs at least two labels'),
  neutralBand: z.number().min(0).max(1).default(0),
});
export type SentimentLabelMap = z.output<typeof SentimentLabelMap>;

export const MODEL_SOURCES = ['built-in', 'catalog', 'data-folder', 'it-folder'] as const;
export const ModelSource = z.enum(MODEL_SOURCES);
export type ModelSource = z.infer<typeof ModelSource>;

export const ModelDownloadProgress = z.object({
  modelId: ModelId,
  /** The file being fetched, e.g. onnx/model_quantized.onnx. */
  file: z.string().max(300),
  fileIndex: z.number().int().min(0),
  fileCount: z.number().int().min(1),
  /** Bytes received over the whole model so far. */
  receivedBytes: z.number().int().min(0),
  /** The model's size once known (catalog pin or the server's declaration); null while unknown. */
  totalBytes: z.number().int().min(0).nullable(),
  /** 0–100 once the size is known. */
  percent: z.number().min(0).max(100).nullable(),
});
export type ModelDownloadProgress = z.infer<typeof ModelDownloadProgress>;

export const ModelDownload = z.object({
  modelId: ModelId,
  state: z.enum(['downloading', 'failed', 'cancelled']),
  progress: ModelDownloadProgress.nullable(),
  /** When failed: why, e.g. "checksum mismatch for onnx/model.onnx". */
  error: z.string().max(1_000).optional(),
});
export type ModelDownload = z.infer<typeof ModelDownload>;

export const ModelEntry = z.object({
  id: ModelId,
  /** Null for a folder that is not a usable model (see `problem`). */
  task: ModelTask.nullable(),
  title: z.string().max(200),
  source: ModelSource,
  licence: z.string().max(200).optional(),
  /** Where the model comes from (a Hugging Face page for catalog models). */
  homepage: z.string().max(500).optional(),
  /** Size on disk when installed, else the catalog's pinned size; absent when not known yet. */
  bytes: z.number().int().min(0).optional(),
  installed: z.boolean(),
  /** Installed and complete: config.json parses, tokenizer.json and the ONNX file are present. */
  valid: z.boolean(),
  /** Why an installed folder cannot be used, in words IT can act on. */
  problem: z.string().max(1_000).optional(),
  /** The model a task currently uses. */
  active: z.boolean(),
  /** Downloaded or found in the data folder: the manager may delete it (never built-in or IT models). */
  removable: z.boolean(),
});
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ModelTaskState = z.object({
  /** What the agent chose (persisted); the built-in model unless they chose another. */
  selected: ModelId,
  /** The model actually loaded for the task and its state. */
  status: ModelStatus,
  /** Set when the selected model could not be used and the built-in one took over: why. */
  fallbackReason: z.string().max(1_000).optional(),
});
export type ModelTaskState = z.infer<typeof ModelTaskState>;

export const ModelsOverview = z.object({
  tasks: z.object({ sentiment: ModelTaskState, embeddings: ModelTaskState }),
  models: z.array(ModelEntry).max(500),
  downloads: z.array(ModelDownload).max(100),
  /** Where downloaded models are stored. */
  dataFolder: z.string().max(2_000),
  /** The folder IT fills by hand (BATON_MODELS_DIR), when configured. */
  itFolder: z.string().max(2_000).nullable(),
});
export type ModelsOverview = z.infer<typeof ModelsOverview>;
