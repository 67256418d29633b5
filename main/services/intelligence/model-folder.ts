// Looks at one model folder (downloaded, or dropped in by IT) and says whether transformers.js can
// load it and for which task, or why not. A folder may carry a `baton-model.json` manifest (the
// manager writes one for every download; IT may write one by hand) naming its task, ONNX dtype and
// label mapping; without it they are inferred from config.json and the files present.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ModelTask, SentimentLabelMap, type ModelSource } from '../../../shared/models';
import { describeZodError } from '../../../shared/result';
import { ModelDtype } from './model-download';
import { onnxFileFor, THREE_CLASS_LABELS, type ModelSpec } from './model-spec';

export const MANIFEST_FILE = 'baton-model.json';

export const ModelManifest = z.object({
  task: ModelTask,
  title: z.string().min(1).max(200).optional(),
  licence: z.string().min(1).max(200).optional(),
  homepage: z.string().max(500).optional(),
  dtype: ModelDtype.optional(),
  labels: SentimentLabelMap.optional(),
});
export type ModelManifest = z.input<typeof ModelManifest>;

export interface ModelFolder {
  id: string;
  path: string;
  source: ModelSource;
  task: ModelTask | null;
  title: string;
  licence?: string;
  homepage?: string;
  bytes: number;
  /** Present when the folder can be loaded. */
  spec?: ModelSpec;
  problem?: string;
}

const STAR_LABEL = /^([1-5]) stars?$/i;

/** Label sets Baton can map without a manifest: negative/neutral/positive in any case, or 1–5 stars. */
export function inferLabels(id2label: unknown): SentimentLabelMap | null {
  if (!id2label || typeof id2label !== 'object') return null;
  const labels = Object.values(id2label as Record<string, unknown>).filter((l): l is string => typeof l === 'string');
  if (labels.length < 2) return null;
  const values: Record<string, number> = {};
  if (labels.every((l) => STAR_LABEL.test(l))) {
    for (const l of labels) values[l] = (Number(STAR_LABEL.exec(l)![1]) - 3) / 2;
    return { values, neutralBand: 0 };
  }
  const three = THREE_CLASS_LABELS.values;
  if (labels.every((l) => l.toLowerCase() in three) && labels.some((l) => l.toLowerCase() === 'negative') && labels.some((l) => l.toLowerCase() === 'positive')) {
    for (const l of labels) values[l] = three[l.toLowerCase()]!;
    // Without a neutral class, a near-even split is neutral (as for SST-2 in the catalog).
    return { values, neutralBand: labels.some((l) => l.toLowerCase() === 'neutral') ? 0 : 0.6 };
  }
  return null;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

function readJson(path: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    return { ok: false, error: (error as Error).message.slice(0, 200) };
  }
}

export function inspectModelFolder(dir: string, id: string, source: ModelSource): ModelFolder {
  const path = resolve(dir);
  const base: ModelFolder = { id, path, source, task: null, title: id, bytes: 0 };
  const fail = (problem: string): ModelFolder => ({ ...base, problem });
  try {
    base.bytes = folderBytes(path);
  } catch (error) {
    return fail(`the folder cannot be read: ${(error as Error).message}`);
  }

  let manifest: z.output<typeof ModelManifest> | undefined;
  if (existsSync(join(path, MANIFEST_FILE))) {
    const raw = readJson(join(path, MANIFEST_FILE));
    if (!raw.ok) return fail(`${MANIFEST_FILE} is not valid JSON: ${raw.error}`);
    const parsed = ModelManifest.safeParse(raw.value);
    if (!parsed.success) return fail(`${MANIFEST_FILE}: ${describeZodError(parsed.error)}`);
    manifest = parsed.data;
    base.title = manifest.title ?? id;
    if (manifest.licence) base.licence = manifest.licence;
    if (manifest.homepage) base.homepage = manifest.homepage;
  }

  if (!existsSync(join(path, 'config.json'))) return fail('config.json is missing');
  const config = readJson(join(path, 'config.json'));
  if (!config.ok) return fail(`config.json is not valid JSON: ${config.error}`);
  if (!config.value || typeof config.value !== 'object') return fail('config.json is not a JSON object');
  const cfg = config.value as { architectures?: unknown; id2label?: unknown };
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    if (!existsSync(join(path, file))) return fail(`${file} is missing`);
  }

  const dtype = manifest?.dtype ?? (existsSync(join(path, onnxFileFor('fp32'))) ? 'fp32' : existsSync(join(path, onnxFileFor('q8'))) ? 'q8' : null);
  if (!dtype) return fail(`no ONNX file: expected ${onnxFileFor('fp32')} or ${onnxFileFor('q8')}`);
  if (!existsSync(join(path, onnxFileFor(dtype)))) return fail(`${onnxFileFor(dtype)} is missing (the manifest asks for dtype ${dtype})`);

  const classifier = Array.isArray(cfg.architectures) && cfg.architectures.some((a) => typeof a === 'string' && a.endsWith('ForSequenceClassification'));
  const task = manifest?.task ?? (classifier ? 'sentiment' : 'embeddings');
  base.task = task;
  if (task === 'embeddings') return { ...base, spec: { id, path, dtype } };

  const labels = manifest?.labels ?? inferLabels(cfg.id2label);
  if (!labels) {
    const names = cfg.id2label && typeof cfg.id2label === 'object' ? Object.values(cfg.id2label).join(', ') : 'none';
    return fail(`Baton does not know how to map its labels (${names}) to negative/neutral/positive: add "labels" to ${MANIFEST_FILE} (see docs/models.md)`);
  }
  return { ...base, spec: { id, path, dtype, labels } };
}

/** Every model folder directly under `dir` (hidden staging folders skipped); none if it does not exist. */
export function scanModelFolders(dir: string, source: ModelSource): ModelFolder[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    if (!/^[a-zA-Z0-9][\w.-]{0,99}$/.test(name)) return { id: `invalid-${name.replace(/[^\w.-]/g, '_')}`.slice(0, 100), path: resolve(dir, name), source, task: null, title: name, bytes: 0, problem: 'the folder name must be letters, digits, dot, dash or underscore' };
    return inspectModelFolder(join(dir, name), name, source);
  });
}
