import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerIntelligenceService } from './intelligence-service';
import { builtInModelsDir } from './models-dir';
import { downloadModel, type CatalogModel, type DownloadProgress } from './model-download';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('downloadModel against a local HTTP server', () => {
  let server: Server;
  let base: string;
  let dir: string;
  const files = new Map<string, Buffer>();
  // Serves a real model (the built-in sentiment model's files), so the installed copy must load.
  const source = join(builtInModelsDir(), 'baton-sentiment-mini');
  const names = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-download-'));
    for (const n of names) files.set(`/m/${n}`, readFileSync(join(source, n)));
    files.set('/broken', Buffer.from('not what the catalog promised'));
    server = createServer((req, res) => {
      const body = files.get(req.url ?? '');
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-length': body.length });
      // Two chunks so progress is reported more than once per file.
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => res.end(body.subarray(Math.floor(body.length / 2))), 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const catalog = (id: string, override: Partial<Record<string, { url?: string; sha256?: string; bytes?: number }>> = {}): CatalogModel => ({
    id,
    task: 'sentiment',
    title: 'test model',
    licence: 'test',
    files: names.map((n) => {
      const body = files.get(`/m/${n}`)!;
      return { path: n, url: `${base}/m/${n}`, bytes: body.length, sha256: sha(body), ...override[n] };
    }),
  });

  it('downloads with progress, verifies checksums, and the installed model loads and scores', async () => {
    const progress: DownloadProgress[] = [];
    const installed = await downloadModel(catalog('downloaded-sentiment'), dir, { onProgress: (p) => progress.push(p) });
    expect(installed).toBe(join(dir, 'downloaded-sentiment'));
    const total = names.reduce((a, n) => a + files.get(`/m/${n}`)!.length, 0);
    expect(progress.length).toBeGreaterThan(names.length);
    expect(progress.at(-1)).toMatchObject({ receivedBytes: total, totalBytes: total });
    expect(progress.every((p, i) => i === 0 || p.receivedBytes >= progress[i - 1]!.receivedBytes)).toBe(true);

    const service = new WorkerIntelligenceService({ modelsDir: dir, sentimentModel: 'downloaded-sentiment' });
    try {
      const [s] = await service.scoreSentiment(['thanks, that fixed it!']);
      expect(s).toMatchObject({ label: 'positive', source: 'downloaded-sentiment' });
    } finally {
      await service.dispose();
    }
  });

  it('refuses a checksum mismatch and keeps the model that was installed before', async () => {
    mkdirSync(join(dir, 'kept'), { recursive: true });
    writeFileSync(join(dir, 'kept', 'config.json'), '{"old":true}');
    const bad = catalog('kept', { 'onnx/model.onnx': { sha256: 'f'.repeat(64) } });
    await expect(downloadModel(bad, dir)).rejects.toThrow(/onnx\/model\.onnx: checksum mismatch/);
    expect(readFileSync(join(dir, 'kept', 'config.json'), 'utf8')).toBe('{"old":true}');
    expect(readdirSync(dir).filter((n) => n.startsWith('.partial'))).toEqual([]);
  });

  it('says why when a file is missing, the wrong size, or the server is unreachable', async () => {
    await expect(downloadModel(catalog('x1', { 'config.json': { url: `${base}/nope` } }), dir)).rejects.toThrow(/answered HTTP 404/);
    const brokenLength = files.get('/broken')!.length;
    await expect(downloadModel(catalog('x2', { 'config.json': { url: `${base}/broken`, bytes: brokenLength + 5 } }), dir)).rejects.toThrow(/received \d+ bytes, the catalog says/);
    await expect(downloadModel(catalog('x3', { 'config.json': { url: `${base}/broken`, bytes: 3 } }), dir)).rejects.toThrow(/larger than the catalog/);
    await expect(downloadModel(catalog('x4', { 'config.json': { url: 'http://127.0.0.1:1/x' } }), dir)).rejects.toThrow(/could not reach/);
    for (const id of ['x1', 'x2', 'x3', 'x4']) expect(existsSync(join(dir, id))).toBe(false);
  });

  it('rejects a catalog entry that would write outside the model folder', async () => {
    const evil = catalog('evil', { 'config.json': {} });
    evil.files[0]!.path = '../escape.json';
    await expect(downloadModel(evil, dir)).rejects.toThrow(/inside the model folder/);
  });
});
