// The optional larger models Baton can download (issue 5, "Larger models on demand"), declared as
// data and validated by the downloader's CatalogModel schema. Every file comes from
// https://huggingface.co/<repo>/resolve/<revision>/<path>; BATON_MODEL_CATALOG_URL replaces the
// https://huggingface.co part (a company mirror, or the e2e tests' local server).
//
// Label mappings (how each sentiment model's labels become negative/neutral/positive, see
// SentimentLabelMap in shared/models.ts):
// - DistilBERT SST-2 knows only POSITIVE/NEGATIVE. Its score is P(positive) − P(negative); a
//   message whose score is within ±0.6 of zero (the winning class below 80 % probability) is
//   called neutral. SST-2 models are very sure of themselves, so plain questions often still come
//   out positive or negative: the band is a heuristic, not a measured threshold.
// - The multilingual model rates 1–5 stars. 1–2 stars count as negative, 3 as neutral, 4–5 as
//   positive; the score is the expected rating mapped onto [-1, 1] (1 star = −1, 3 = 0, 5 = +1).
// Sizes and digests are pinned in model-catalog-pins.ts by scripts/pin-model-catalog.ts; until an
// entry is pinned its size is unknown here and its files are checked against the server's
// declared sha256 (see model-download.ts).
import type { SentimentLabelMap } from '../../../shared/models';
import { CatalogModel, type CatalogModelInput, type ModelDtype } from './model-download';
import { CATALOG_PINS } from './model-catalog-pins';

export const HUGGING_FACE_URL = 'https://huggingface.co';
export const CATALOG_URL_ENV = 'BATON_MODEL_CATALOG_URL';

export interface CatalogSource {
  id: string;
  task: 'sentiment' | 'embeddings';
  title: string;
  licence: string;
  /** The Hugging Face repository, owner/name. */
  repo: string;
  dtype: ModelDtype;
  labels?: SentimentLabelMap;
  files: readonly string[];
}

/** What transformers.js needs for a text model with quantized weights. */
const QUANTIZED_TEXT_MODEL = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'] as const;

export const MODEL_CATALOG: readonly CatalogSource[] = [
  {
    id: 'distilbert-sst2',
    task: 'sentiment',
    title: 'DistilBERT SST-2 (English, positive/negative)',
    licence: 'Apache-2.0',
    repo: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english',
    dtype: 'q8',
    labels: { values: { NEGATIVE: -1, POSITIVE: 1 }, neutralBand: 0.6 },
    files: QUANTIZED_TEXT_MODEL,
  },
  {
    id: 'bert-multilingual-sentiment',
    task: 'sentiment',
    title: 'BERT multilingual sentiment (1–5 stars; en, nl, de, fr, es, it)',
    licence: 'MIT',
    repo: 'Xenova/bert-base-multilingual-uncased-sentiment',
    dtype: 'q8',
    labels: { values: { '1 star': -1, '2 stars': -0.5, '3 stars': 0, '4 stars': 0.5, '5 stars': 1 }, neutralBand: 0 },
    files: QUANTIZED_TEXT_MODEL,
  },
  {
    id: 'all-minilm-l6-v2',
    task: 'embeddings',
    title: 'all-MiniLM-L6-v2 (English sentence embeddings)',
    licence: 'Apache-2.0',
    repo: 'Xenova/all-MiniLM-L6-v2',
    dtype: 'q8',
    files: QUANTIZED_TEXT_MODEL,
  },
];

/** The base URL files are fetched from: BATON_MODEL_CATALOG_URL when set, else Hugging Face. */
export function catalogBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env[CATALOG_URL_ENV]?.trim();
  if (!raw) return HUGGING_FACE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${CATALOG_URL_ENV} must be an http(s) URL (got ${JSON.stringify(raw)})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${CATALOG_URL_ENV} must be an http(s) URL (got ${JSON.stringify(raw)})`);
  return url.href.replace(/\/+$/, '');
}

export function fileUrl(base: string, repo: string, revision: string, path: string): string {
  return `${base}/${repo}/resolve/${encodeURIComponent(revision)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The catalog with URLs under `base` and any pins applied, each entry validated. */
export function resolveCatalog(base: string = catalogBaseUrl(), sources: readonly CatalogSource[] = MODEL_CATALOG, pins = CATALOG_PINS): CatalogModel[] {
  return sources.map((source) => {
    const pin = pins[source.repo];
    const revision = pin?.revision ?? 'main';
    const input: CatalogModelInput = {
      id: source.id,
      task: source.task,
      title: source.title,
      licence: source.licence,
      homepage: `${HUGGING_FACE_URL}/${source.repo}`,
      dtype: source.dtype,
      ...(source.labels ? { labels: source.labels } : {}),
      files: source.files.map((path) => ({ path, url: fileUrl(base, source.repo, revision, path), ...(pin?.files[path] ?? {}) })),
    };
    const parsed = CatalogModel.safeParse(input);
    if (!parsed.success) throw new Error(`model catalog entry ${source.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  });
}
