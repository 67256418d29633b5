// Downloads an optional model's files into the app's data folder with progress, checking each
// file's size and sha256 before the model becomes visible: files land in a hidden staging folder
// and the folder is renamed into place only when every file verified. A failed download leaves
// whatever model was installed before untouched, and says why.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { BatonError } from '../../../shared/result';

export const ModelFile = z.object({
  /** Path inside the model folder, e.g. onnx/model.onnx. */
  path: z.string().min(1).max(300).refine((p) => !p.startsWith('/') && !normalize(p).split(sep).includes('..'), 'must stay inside the model folder'),
  url: z.url({ protocol: /^https?$/ }),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
});
export type ModelFile = z.infer<typeof ModelFile>;

export const CatalogModel = z.object({
  id: z.string().regex(/^[a-zA-Z0-9][\w.-]{0,99}$/),
  task: z.enum(['sentiment', 'embeddings']),
  title: z.string().min(1).max(200),
  licence: z.string().min(1).max(200),
  files: z.array(ModelFile).min(1).max(50),
});
export type CatalogModel = z.infer<typeof CatalogModel>;

export interface DownloadProgress {
  modelId: string;
  file: string;
  receivedBytes: number;
  totalBytes: number;
}

export interface DownloadOptions {
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

async function downloadFile(file: ModelFile, target: string, done: number, total: number, modelId: string, options: DownloadOptions): Promise<void> {
  let response: Response;
  try {
    response = await fetch(file.url, { signal: options.signal });
  } catch (error) {
    throw new BatonError('unavailable', `could not reach ${file.url}: ${(error as Error).message}`);
  }
  if (!response.ok || !response.body) throw new BatonError('unavailable', `${file.url} answered HTTP ${response.status}`);
  await mkdir(dirname(target), { recursive: true });
  const hash = createHash('sha256');
  const out = createWriteStream(target);
  let received = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.byteLength;
      if (received > file.bytes) throw new BatonError('conflict', `${file.path} is larger than the catalog's ${file.bytes} bytes`);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      options.onProgress?.({ modelId, file: file.path, receivedBytes: done + received, totalBytes: total });
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
  if (received !== file.bytes) throw new BatonError('conflict', `${file.path}: received ${received} bytes, the catalog says ${file.bytes}`);
  const digest = hash.digest('hex');
  if (digest !== file.sha256) throw new BatonError('conflict', `${file.path}: checksum mismatch (sha256 ${digest.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…)`);
}

/** Installs `model` as `<modelsDir>/<id>/`; on any failure nothing under that name changes. */
export async function downloadModel(model: CatalogModel, modelsDir: string, options: DownloadOptions = {}): Promise<string> {
  const entry = CatalogModel.parse(model);
  const staging = join(modelsDir, `.partial-${entry.id}-${process.pid}-${Date.now()}`);
  const final = join(modelsDir, entry.id);
  const total = entry.files.reduce((a, f) => a + f.bytes, 0);
  await mkdir(staging, { recursive: true });
  try {
    let done = 0;
    for (const file of entry.files) {
      await downloadFile(file, join(staging, file.path), done, total, entry.id, options);
      done += file.bytes;
    }
    const previous = `${final}.previous-${Date.now()}`;
    if (existsSync(final)) await rename(final, previous);
    await rename(staging, final);
    await rm(previous, { recursive: true, force: true });
    return final;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
