// Downloads an optional model's files into the app's data folder with progress, checking every
// file before the model becomes visible: files land in a hidden staging folder and the folder is
// renamed into place only when every file verified. A failed or cancelled download leaves whatever
// model was installed before untouched, and says why.
//
// What "verified" means, per file, in this order:
//   1. the catalog pins sha256 (+ size): the bytes must match it;
//   2. otherwise the server declares the file's sha256: Hugging Face answers a resolve URL of an LFS
//      file with `x-linked-etag: "<sha256>"` and `x-linked-size` (on the redirect to its CDN, which
//      is why redirects are followed by hand here); the bytes must match that;
//   3. otherwise only a small JSON file that parses is accepted (config.json and friends are not in
//      LFS, so no sha256 is declared for them); any other file is refused.
// A pin and a declaration that disagree mean the file changed upstream: refused, re-pin the catalog.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { ModelId, ModelTask, SentimentLabelMap } from '../../../shared/models';
import { BatonError } from '../../../shared/result';

/** JSON files without a declared hash are accepted up to this size when they parse. */
export const UNHASHED_JSON_LIMIT = 32 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const SHA256 = /^[0-9a-f]{64}$/;

export const ModelFile = z.object({
  /** Path inside the model folder, e.g. onnx/model.onnx. */
  path: z.string().min(1).max(300).refine((p) => !p.startsWith('/') && !p.includes('\\') && !normalize(p).split(sep).includes('..'), 'must stay inside the model folder'),
  url: z.url({ protocol: /^https?$/ }),
  /** Pinned by scripts/pin-model-catalog.ts; absent until a release engineer pinned the entry. */
  bytes: z.number().int().positive().optional(),
  sha256: z.string().regex(SHA256, '64 lower-case hex digits').optional(),
});
export type ModelFile = z.infer<typeof ModelFile>;

/** Which ONNX file transformers.js picks: fp32 → onnx/model.onnx, q8 → onnx/model_quantized.onnx. */
export const ModelDtype = z.enum(['fp32', 'q8', 'fp16', 'int8', 'uint8', 'q4']);
export type ModelDtype = z.infer<typeof ModelDtype>;

export const CatalogModel = z
  .object({
    id: ModelId,
    task: ModelTask,
    title: z.string().min(1).max(200),
    licence: z.string().min(1).max(200),
    homepage: z.url().optional(),
    dtype: ModelDtype.default('fp32'),
    /** Sentiment models: how their labels map to negative/neutral/positive. */
    labels: SentimentLabelMap.optional(),
    files: z.array(ModelFile).min(1).max(50),
  })
  .superRefine((m, ctx) => {
    if (m.task === 'sentiment' && !m.labels) ctx.addIssue({ code: 'custom', path: ['labels'], message: 'a sentiment model needs its label mapping' });
  });
export type CatalogModel = z.output<typeof CatalogModel>;
export type CatalogModelInput = z.input<typeof CatalogModel>;

export interface DownloadProgress {
  modelId: string;
  file: string;
  fileIndex: number;
  fileCount: number;
  /** Over the whole model. */
  receivedBytes: number;
  /** The whole model's size once every file's size is known (pinned or declared); else null. */
  totalBytes: number | null;
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Written into the model folder beside the downloaded files (e.g. the manager's manifest). */
  extraFiles?: Record<string, string>;
}

interface Declared {
  sha256?: string;
  bytes?: number;
}

/** fetch's own messages ("fetch failed", "terminated") hide the reason in `cause`. */
function describeFetchError(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : String(e?.message ?? error);
}

function cancelled(): BatonError {
  return new BatonError('conflict', 'the download was cancelled');
}

function declaredSha(value: string | null): string | undefined {
  if (!value) return undefined;
  const bare = value.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  return SHA256.test(bare) ? bare : undefined;
}

/** Fetches `url`, following redirects by hand so the headers of each hop can be read. */
async function fetchFollowing(url: string, method: 'GET' | 'HEAD', signal: AbortSignal | undefined): Promise<{ response: Response; declared: Declared }> {
  const declared: Declared = {};
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await fetch(current, { method, redirect: 'manual', signal });
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      throw new BatonError('unavailable', `could not reach ${current}: ${describeFetchError(error)}`);
    }
    declared.sha256 ??= declaredSha(response.headers.get('x-linked-etag'));
    const size = Number(response.headers.get('x-linked-size'));
    if (declared.bytes === undefined && Number.isInteger(size) && size > 0) declared.bytes = size;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      const next = new URL(location, current);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') throw new BatonError('unavailable', `${url} redirected to an unsupported address`);
      current = next.href;
      continue;
    }
    return { response, declared };
  }
  throw new BatonError('unavailable', `${url} redirected more than ${MAX_REDIRECTS} times`);
}

/** Sizes the server declares, so the progress bar can show a percentage from the first byte. */
async function plannedSize(file: ModelFile, signal: AbortSignal | undefined): Promise<number | null> {
  if (file.bytes !== undefined) return file.bytes;
  try {
    const { response, declared } = await fetchFollowing(file.url, 'HEAD', signal);
    await response.body?.cancel().catch(() => undefined);
    if (declared.bytes !== undefined) return declared.bytes;
    const length = Number(response.headers.get('content-length'));
    return response.ok && Number.isInteger(length) && length > 0 ? length : null;
  } catch {
    // No size yet (HEAD refused or unreachable): the GET will say what is wrong.
    if (signal?.aborted) throw cancelled();
    return null;
  }
}

interface FileTask {
  file: ModelFile;
  target: string;
  index: number;
  count: number;
  modelId: string;
  /** Bytes of the earlier files. */
  before: number;
  total: () => number | null;
  learnedSize: (bytes: number) => void;
}

async function downloadFile(task: FileTask, options: DownloadOptions): Promise<number> {
  const { file } = task;
  const { signal } = options;
  const { response, declared } = await fetchFollowing(file.url, 'GET', signal);
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new BatonError('unavailable', `${file.path}: the server answered HTTP ${response.status}`);
  }
  if (file.sha256 && declared.sha256 && file.sha256 !== declared.sha256) {
    await response.body.cancel().catch(() => undefined);
    throw new BatonError('conflict', `${file.path} changed upstream: the server offers sha256 ${declared.sha256.slice(0, 12)}…, the catalog pins ${file.sha256.slice(0, 12)}… (re-pin the catalog)`);
  }
  const expectedSha = file.sha256 ?? declared.sha256;
  const expectedBytes = file.bytes ?? declared.bytes;
  if (expectedBytes !== undefined) task.learnedSize(expectedBytes);
  const keepForJson = !expectedSha && file.path.endsWith('.json');

  await mkdir(dirname(task.target), { recursive: true });
  const hash = createHash('sha256');
  const out = await open(task.target, 'w');
  const kept: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (expectedBytes !== undefined && received > expectedBytes) throw new BatonError('conflict', `${file.path} is larger than the expected ${expectedBytes} bytes`);
      if (keepForJson) {
        if (received > UNHASHED_JSON_LIMIT) throw new BatonError('conflict', `${file.path} has no verifiable checksum and is too large to accept unchecked`);
        kept.push(chunk);
      }
      hash.update(chunk);
      await out.write(chunk);
      options.onProgress?.({ modelId: task.modelId, file: file.path, fileIndex: task.index, fileCount: task.count, receivedBytes: task.before + received, totalBytes: task.total() });
    }
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    if (error instanceof BatonError) throw error;
    throw new BatonError('unavailable', `the connection dropped while downloading ${file.path} (${received}${expectedBytes ? ` of ${expectedBytes}` : ''} bytes): ${describeFetchError(error)}`);
  } finally {
    await out.close();
  }
  if (expectedBytes !== undefined && received !== expectedBytes) throw new BatonError('conflict', `${file.path}: received ${received} bytes, expected ${expectedBytes}`);
  if (expectedSha) {
    const digest = hash.digest('hex');
    if (digest !== expectedSha) throw new BatonError('conflict', `checksum mismatch for ${file.path} (sha256 ${digest.slice(0, 12)}…, expected ${expectedSha.slice(0, 12)}…)`);
    return received;
  }
  if (!keepForJson) throw new BatonError('conflict', `${file.path} has no verifiable checksum: the catalog pins none and the server declared none`);
  try {
    JSON.parse(Buffer.concat(kept).toString('utf8'));
  } catch {
    throw new BatonError('conflict', `${file.path} has no declared checksum and is not valid JSON`);
  }
  return received;
}

/** Installs `model` as `<modelsDir>/<id>/`; on any failure (or cancel) nothing under that name changes. */
export async function downloadModel(model: CatalogModelInput, modelsDir: string, options: DownloadOptions = {}): Promise<string> {
  const parsed = CatalogModel.safeParse(model);
  if (!parsed.success) throw new BatonError('bad_request', `catalog entry ${String((model as { id?: unknown }).id)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const entry = parsed.data;
  const staging = join(modelsDir, `.partial-${entry.id}-${process.pid}-${Date.now()}`);
  const final = join(modelsDir, entry.id);
  await mkdir(staging, { recursive: true });
  try {
    const sizes = await Promise.all(entry.files.map((f) => plannedSize(f, options.signal)));
    // A JSON file the server gives no size for (not in LFS, compressed) is small: it counts once
    // downloaded, so the ONNX weights, which make up nearly all of it, still get a percentage.
    const total = () => (sizes.every((s, i) => s !== null || entry.files[i]!.path.endsWith('.json')) ? sizes.reduce<number>((a, s) => a + (s ?? 0), 0) : null);
    let done = 0;
    for (const [index, file] of entry.files.entries()) {
      if (options.signal?.aborted) throw cancelled();
      const received = await downloadFile(
        { file, target: join(staging, file.path), index, count: entry.files.length, modelId: entry.id, before: done, total, learnedSize: (bytes) => (sizes[index] = bytes) },
        options,
      );
      sizes[index] = received;
      done += received;
    }
    for (const [path, content] of Object.entries(options.extraFiles ?? {})) await writeFile(join(staging, path), content);
    if (options.signal?.aborted) throw cancelled();
    const previous = join(modelsDir, `.previous-${entry.id}-${process.pid}-${Date.now()}`);
    if (existsSync(final)) await rename(final, previous);
    await rename(staging, final);
    await rm(previous, { recursive: true, force: true });
    return final;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
