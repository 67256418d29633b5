import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerIntelligenceService } from './intelligence-service';
import { fileUrl } from './model-catalog';
import { downloadModel, type CatalogModelInput, type DownloadProgress } from './model-download';
import { ModelFileServer, sha256Of } from './model-file-server';
import { builtInModelsDir } from './models-dir';

const NAMES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

describe('downloadModel against a local Hugging Face-like server', () => {
  const server = new ModelFileServer();
  let dir: string;
  // Serves a real model (the built-in sentiment model's files), so the installed copy must load.
  const source = join(builtInModelsDir(), 'baton-sentiment-mini');
  const bodies = Object.fromEntries(NAMES.map((n) => [n, readFileSync(join(source, n))]));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-download-'));
    // tokenizer.json and the ONNX file are "LFS" files (sha256 declared); the small JSON files are not.
    server.addRepo('test/sentiment', bodies, { lfsAbove: 10_000 });
    // The same files, with the small (non-LFS) ones sent without a length.
    server.addRepo('test/chunked', bodies, { lfsAbove: 10_000, chunkedSmallFiles: true });
    server.addRepo('test/json-only', { 'config.json': Buffer.from('{"model_type":'), 'notes.txt': Buffer.from('hello') });
    await server.start();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const entry = (id: string, repo = 'test/sentiment', names = NAMES, pins: Record<string, { sha256?: string; bytes?: number }> = {}): CatalogModelInput => ({
    id,
    task: 'sentiment',
    title: 'test model',
    licence: 'test',
    labels: { values: { negative: -1, neutral: 0, positive: 1 } },
    files: names.map((n) => ({ path: n, url: fileUrl(server.url, repo, 'main', n), ...pins[n] })),
  });

  it('follows the redirect, verifies declared sha256s, reports progress, and the model loads and scores', async () => {
    const progress: DownloadProgress[] = [];
    const installed = await downloadModel(entry('downloaded-sentiment'), dir, { onProgress: (p) => progress.push(p), extraFiles: { 'baton-model.json': '{"task":"sentiment"}' } });
    expect(installed).toBe(join(dir, 'downloaded-sentiment'));
    for (const n of NAMES) expect(readFileSync(join(installed, n)).equals(bodies[n]!)).toBe(true);
    expect(existsSync(join(installed, 'baton-model.json'))).toBe(true);
    expect(server.requests).toContain(`GET /cdn/test/sentiment/${sha256Of(bodies['onnx/model.onnx']!)}`);

    const total = NAMES.reduce((a, n) => a + bodies[n]!.length, 0);
    expect(progress.length).toBeGreaterThan(NAMES.length);
    // Sizes were known up front (HEAD), so every event carries the total.
    expect(progress.every((p) => p.totalBytes === total)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ receivedBytes: total, file: 'onnx/model.onnx', fileIndex: 3, fileCount: 4 });
    expect(progress.every((p, i) => i === 0 || p.receivedBytes >= progress[i - 1]!.receivedBytes)).toBe(true);

    const service = new WorkerIntelligenceService({ modelsDir: dir, sentimentModel: 'downloaded-sentiment' });
    try {
      const [s] = await service.scoreSentiment(['thanks, that fixed it!']);
      expect(s).toMatchObject({ label: 'positive', source: 'downloaded-sentiment' });
    } finally {
      await service.dispose();
    }
  });

  it('still shows a percentage when the server gives no size for the small JSON files', async () => {
    const progress: DownloadProgress[] = [];
    await downloadModel(entry('chunked', 'test/chunked'), dir, { onProgress: (p) => progress.push(p) });
    const onnx = progress.filter((p) => p.file === 'onnx/model.onnx');
    expect(onnx.length).toBeGreaterThan(0);
    expect(onnx.every((p) => p.totalBytes !== null)).toBe(true);
    const total = NAMES.reduce((a, n) => a + bodies[n]!.length, 0);
    expect(onnx.at(-1)).toMatchObject({ receivedBytes: total, totalBytes: total });
  });

  it('refuses bytes that do not match the declared sha256 and keeps the model installed before', async () => {
    mkdirSync(join(dir, 'kept'), { recursive: true });
    writeFileSync(join(dir, 'kept', 'config.json'), '{"old":true}');
    server.setFault('test/sentiment', 'onnx/model.onnx', 'corrupt');
    try {
      await expect(downloadModel(entry('kept'), dir)).rejects.toThrow(/checksum mismatch for onnx\/model\.onnx/);
    } finally {
      server.setFault('test/sentiment', 'onnx/model.onnx', undefined);
    }
    expect(readFileSync(join(dir, 'kept', 'config.json'), 'utf8')).toBe('{"old":true}');
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('checks a pinned sha256 and refuses a file that changed upstream', async () => {
    const pinned = { 'onnx/model.onnx': { sha256: 'f'.repeat(64), bytes: bodies['onnx/model.onnx']!.length } };
    await expect(downloadModel(entry('pinned', 'test/sentiment', NAMES, pinned), dir)).rejects.toThrow(/onnx\/model\.onnx changed upstream.*re-pin/);
    // A correct pin downloads (and the pinned size counts toward the total without a HEAD).
    const good = { 'onnx/model.onnx': { sha256: sha256Of(bodies['onnx/model.onnx']!), bytes: bodies['onnx/model.onnx']!.length } };
    const before = server.requests.length;
    await downloadModel(entry('pinned', 'test/sentiment', NAMES, good), dir);
    const during = server.requests.slice(before);
    expect(during).toContain('HEAD /test/sentiment/resolve/main/config.json');
    expect(during).not.toContain('HEAD /test/sentiment/resolve/main/onnx/model.onnx');
    expect(existsSync(join(dir, 'pinned', 'onnx', 'model.onnx'))).toBe(true);
  });

  it('refuses a large file with no verifiable checksum, and small JSON that does not parse', async () => {
    server.setFault('test/sentiment', 'onnx/model.onnx', 'undeclared');
    try {
      await expect(downloadModel(entry('unverified'), dir)).rejects.toThrow(/onnx\/model\.onnx has no verifiable checksum/);
    } finally {
      server.setFault('test/sentiment', 'onnx/model.onnx', undefined);
    }
    await expect(downloadModel(entry('bad-json', 'test/json-only', ['config.json']), dir)).rejects.toThrow(/config\.json has no declared checksum and is not valid JSON/);
    await expect(downloadModel(entry('not-json', 'test/json-only', ['notes.txt']), dir)).rejects.toThrow(/notes\.txt has no verifiable checksum/);
    for (const id of ['unverified', 'bad-json', 'not-json']) expect(existsSync(join(dir, id))).toBe(false);
  });

  it('says why when the connection drops, a file is missing, or the server is unreachable', async () => {
    server.setFault('test/sentiment', 'onnx/model.onnx', 'drop');
    try {
      await expect(downloadModel(entry('dropped'), dir)).rejects.toThrow(/connection dropped while downloading onnx\/model\.onnx/);
    } finally {
      server.setFault('test/sentiment', 'onnx/model.onnx', undefined);
    }
    await expect(downloadModel(entry('missing', 'test/sentiment', ['nope.json']), dir)).rejects.toThrow(/nope\.json: the server answered HTTP 404/);
    const unreachable: CatalogModelInput = { ...entry('x4'), files: [{ path: 'config.json', url: 'http://127.0.0.1:1/x' }] };
    await expect(downloadModel(unreachable, dir)).rejects.toThrow(/could not reach/);
    for (const id of ['dropped', 'missing', 'x4']) expect(existsSync(join(dir, id))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('stops when cancelled and leaves nothing behind', async () => {
    server.setFault('test/sentiment', 'onnx/model.onnx', 'hold');
    const controller = new AbortController();
    try {
      const pending = downloadModel(entry('cancelled'), dir, { signal: controller.signal });
      await server.whenHeld();
      controller.abort();
      await expect(pending).rejects.toThrow(/the download was cancelled/);
    } finally {
      server.setFault('test/sentiment', 'onnx/model.onnx', undefined);
      server.release();
    }
    expect(existsSync(join(dir, 'cancelled'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('rejects a catalog entry that would write outside the model folder', async () => {
    const evil = entry('evil');
    evil.files[0]!.path = '../escape.json';
    await expect(downloadModel(evil, dir)).rejects.toThrow(/inside the model folder/);
  });
});
