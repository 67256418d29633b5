// The model manager with real parts: a local Hugging Face-like server on 127.0.0.1 serving copies
// of the built-in models' files under catalog entries, the real model worker and transformers.js.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelDownloadProgress, ModelsOverview } from '../../../shared/models';
import { silentLogger } from '../logger';
import { WorkerIntelligenceService } from './intelligence-service';
import { fileUrl } from './model-catalog';
import { MODEL_CHOICE_FILE } from './model-choice';
import { CatalogModel, type CatalogModelInput } from './model-download';
import { ModelFileServer } from './model-file-server';
import { ModelManager } from './model-manager';
import { builtInModelsDir } from './models-dir';

const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
const builtIn = builtInModelsDir();
const filesOf = (model: string) => Object.fromEntries(FILES.map((f) => [f, readFileSync(join(builtIn, model, f))]));

describe('ModelManager', () => {
  const server = new ModelFileServer();
  let root: string;
  let dataDir: string;
  let itDir: string;
  let catalog: CatalogModel[];
  const open: Array<{ dispose(): Promise<void> | void }> = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'baton-model-manager-'));
    dataDir = join(root, 'data');
    itDir = join(root, 'it-models');
    server.addRepo('acme/sentiment', filesOf('baton-sentiment-mini'));
    server.addRepo('acme/embed', filesOf('baton-embed-mini'));
    // A model whose files verify but whose ONNX graph is garbage: it downloads, then fails to load.
    server.addRepo('acme/broken', { ...filesOf('baton-sentiment-mini'), 'onnx/model.onnx': Buffer.alloc(20_000, 7) });
    await server.start();
    const entry = (id: string, repo: string, task: 'sentiment' | 'embeddings'): CatalogModelInput => ({
      id,
      task,
      title: `${id} title`,
      licence: 'Apache-2.0',
      ...(task === 'sentiment' ? { labels: { values: { negative: -1, neutral: 0, positive: 1 } } } : {}),
      files: FILES.map((f) => ({ path: f, url: fileUrl(server.url, repo, 'main', f) })),
    });
    catalog = [entry('served-sentiment', 'acme/sentiment', 'sentiment'), entry('served-embed', 'acme/embed', 'embeddings'), entry('broken-sentiment', 'acme/broken', 'sentiment')].map((e) =>
      CatalogModel.parse(e),
    );

    // IT's folder: one good model, three that are not usable.
    cpSync(join(builtIn, 'baton-sentiment-mini'), join(itDir, 'it-sentiment'), { recursive: true });
    mkdirSync(join(itDir, 'no-tokenizer', 'onnx'), { recursive: true });
    writeFileSync(join(itDir, 'no-tokenizer', 'config.json'), '{"model_type":"bert"}');
    writeFileSync(join(itDir, 'no-tokenizer', 'onnx', 'model.onnx'), 'x');
    cpSync(join(builtIn, 'baton-sentiment-mini'), join(itDir, 'bad-config'), { recursive: true });
    writeFileSync(join(itDir, 'bad-config', 'config.json'), '{"model_type": ');
    cpSync(join(builtIn, 'baton-sentiment-mini'), join(itDir, 'odd-labels'), { recursive: true });
    const config = JSON.parse(readFileSync(join(builtIn, 'baton-sentiment-mini', 'config.json'), 'utf8'));
    writeFileSync(join(itDir, 'odd-labels', 'config.json'), JSON.stringify({ ...config, id2label: { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' } }));
  });

  afterAll(async () => {
    for (const o of open.reverse()) await o.dispose();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  function start(options: { onEmbeddingsChanged?: () => void } = {}) {
    const service = new WorkerIntelligenceService({ modelsDir: builtIn, requestTimeoutMs: 60_000 });
    const manager = new ModelManager({ service, builtInDir: builtIn, dataDir, itDir, catalog, log: silentLogger, ...options });
    open.push(service, manager);
    manager.start();
    return { service, manager };
  }

  const model = (o: ModelsOverview, id: string) => o.models.find((m) => m.id === id);

  it('lists built-in, catalog and IT-folder models, and says why an IT folder is not usable', () => {
    const { manager } = start();
    const o = manager.overview();
    expect(model(o, 'baton-sentiment-mini')).toMatchObject({ source: 'built-in', task: 'sentiment', installed: true, valid: true, active: true, removable: false });
    expect(model(o, 'baton-embed-mini')).toMatchObject({ source: 'built-in', task: 'embeddings', active: true });
    expect(model(o, 'served-sentiment')).toMatchObject({ source: 'catalog', installed: false, active: false, licence: 'Apache-2.0' });
    // Not pinned, so the catalog does not claim a size.
    expect(model(o, 'served-sentiment')!.bytes).toBeUndefined();
    expect(model(o, 'it-sentiment')).toMatchObject({ source: 'it-folder', task: 'sentiment', valid: true, removable: false });
    expect(model(o, 'it-sentiment')!.bytes).toBeGreaterThan(1_000_000);
    expect(model(o, 'no-tokenizer')).toMatchObject({ valid: false, problem: 'tokenizer.json is missing' });
    expect(model(o, 'bad-config')!.problem).toMatch(/^config\.json is not valid JSON/);
    expect(model(o, 'odd-labels')!.problem).toMatch(/does not know how to map its labels \(LABEL_0, LABEL_1, LABEL_2\)/);
    expect(o.tasks.sentiment).toMatchObject({ selected: 'baton-sentiment-mini', status: { model: 'baton-sentiment-mini' } });
    expect(o.itFolder).toBe(itDir);
  });

  it('downloads with progress, switches sentiment to the download, scores through it and keeps the choice across a restart', async () => {
    const { service, manager } = start();
    const progress: ModelDownloadProgress[] = [];
    const changes: ModelsOverview[] = [];
    manager.onProgress((p) => progress.push(p));
    manager.onChanged((o) => changes.push(o));

    const started = manager.download('served-sentiment');
    expect(started.downloads).toEqual([{ modelId: 'served-sentiment', state: 'downloading', progress: null }]);
    await manager.settled('served-sentiment');
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)).toMatchObject({ modelId: 'served-sentiment', percent: 100, fileIndex: 3, fileCount: 4, file: 'onnx/model.onnx' });
    expect(new Set(progress.map((p) => p.file))).toEqual(new Set(FILES));
    const after = changes.at(-1)!;
    expect(after.downloads).toEqual([]);
    expect(model(after, 'served-sentiment')).toMatchObject({ installed: true, valid: true, removable: true, source: 'catalog', task: 'sentiment' });
    expect(existsSync(join(dataDir, 'models', 'served-sentiment', 'baton-model.json'))).toBe(true);

    const switched = await manager.use('sentiment', 'served-sentiment');
    expect(switched.tasks.sentiment).toMatchObject({ selected: 'served-sentiment', status: { model: 'served-sentiment', state: 'ready' } });
    expect(switched.tasks.sentiment.fallbackReason).toBeUndefined();
    expect(model(switched, 'served-sentiment')!.active).toBe(true);
    const [scored] = await service.scoreSentiment(['This is the worst service ever, I am furious']);
    expect(scored).toMatchObject({ label: 'negative', source: 'served-sentiment' });
    expect(JSON.parse(readFileSync(join(dataDir, MODEL_CHOICE_FILE), 'utf8'))).toEqual({ version: 1, sentiment: 'served-sentiment', embeddings: 'baton-embed-mini' });

    // A restart reads the choice and uses the downloaded model.
    const again = start();
    expect(again.manager.overview().tasks.sentiment.selected).toBe('served-sentiment');
    const [rescored] = await again.service.scoreSentiment(['thank you so much, that fixed it!']);
    expect(rescored).toMatchObject({ label: 'positive', source: 'served-sentiment' });
  });

  it('switches embeddings and tells the reply library its vectors are stale', async () => {
    let stale = 0;
    const { service, manager } = start({ onEmbeddingsChanged: () => stale++ });
    manager.download('served-embed');
    await manager.settled('served-embed');
    await manager.use('embeddings', 'served-embed');
    expect(stale).toBe(1);
    const [v] = await service.embed(['where is my refund']);
    expect(v!.reduce((a, x) => a + x * x, 0)).toBeCloseTo(1, 4);
    expect(manager.overview().tasks.embeddings).toMatchObject({ selected: 'served-embed', status: { model: 'served-embed', state: 'ready' } });
    await manager.use('embeddings', 'baton-embed-mini');
    expect(stale).toBe(2);
  });

  it('reports a checksum failure in words and keeps the built-in model', async () => {
    rmSync(join(dataDir, 'models', 'served-sentiment'), { recursive: true, force: true });
    const { manager } = start();
    server.setFault('acme/sentiment', 'onnx/model.onnx', 'corrupt');
    try {
      manager.download('served-sentiment');
      await manager.settled('served-sentiment');
    } finally {
      server.setFault('acme/sentiment', 'onnx/model.onnx', undefined);
    }
    const o = manager.overview();
    expect(o.downloads).toHaveLength(1);
    expect(o.downloads[0]).toMatchObject({ modelId: 'served-sentiment', state: 'failed' });
    expect(o.downloads[0]!.error).toMatch(/^checksum mismatch for onnx\/model\.onnx/);
    expect(model(o, 'served-sentiment')!.installed).toBe(false);
    // The saved choice points at the missing model; the built-in one is in use and the overview says why.
    expect(o.tasks.sentiment.status.model).toBe('baton-sentiment-mini');
    expect(o.tasks.sentiment.fallbackReason).toMatch(/served-sentiment cannot be used: it is not installed any more; the built-in model is in use/);
    // Cancel on a failed download dismisses it.
    expect((await manager.cancel('served-sentiment')).downloads).toEqual([]);
  });

  it('cancels a download in progress and installs nothing', async () => {
    const { manager } = start();
    server.setFault('acme/embed', 'onnx/model.onnx', 'hold');
    rmSync(join(dataDir, 'models', 'served-embed'), { recursive: true, force: true });
    try {
      manager.download('served-embed');
      await server.whenHeld();
      expect(manager.overview().downloads[0]).toMatchObject({ modelId: 'served-embed', state: 'downloading' });
      expect(manager.overview().downloads[0]!.progress!.percent).toBeGreaterThan(0);
      const o = await manager.cancel('served-embed');
      expect(o.downloads).toEqual([{ modelId: 'served-embed', state: 'cancelled', progress: expect.objectContaining({ modelId: 'served-embed', fileCount: 4 }) }]);
      expect(model(o, 'served-embed')!.installed).toBe(false);
    } finally {
      server.setFault('acme/embed', 'onnx/model.onnx', undefined);
      server.release();
    }
  });

  it('falls back to the built-in model with the reason when a chosen model does not load', async () => {
    const { service, manager } = start();
    manager.download('broken-sentiment');
    await manager.settled('broken-sentiment');
    const o = await manager.use('sentiment', 'broken-sentiment');
    expect(o.tasks.sentiment.selected).toBe('baton-sentiment-mini');
    expect(o.tasks.sentiment.status.model).toBe('baton-sentiment-mini');
    expect(o.tasks.sentiment.fallbackReason).toMatch(/^broken-sentiment could not be loaded \(model broken-sentiment failed to load: .*\); the built-in model stays in use$/);
    const [s] = await service.scoreSentiment(['I love it, thanks']);
    expect(s).toMatchObject({ label: 'positive', source: 'baton-sentiment-mini' });
  });

  it('falls back when a model chosen earlier breaks: the first use fails, then the built-in model answers', async () => {
    writeFileSync(join(dataDir, MODEL_CHOICE_FILE), JSON.stringify({ version: 1, sentiment: 'broken-sentiment', embeddings: 'baton-embed-mini' }));
    const { service, manager } = start();
    expect(service.models().sentiment.id).toBe('broken-sentiment');
    await expect(service.scoreSentiment(['hello'])).rejects.toMatchObject({ code: 'unavailable' });
    const o = manager.overview();
    expect(o.tasks.sentiment.status.model).toBe('baton-sentiment-mini');
    expect(o.tasks.sentiment.fallbackReason).toMatch(/^broken-sentiment could not be loaded .*; the built-in model is in use$/);
    const [s] = await service.scoreSentiment(['This is terrible, I want a refund now']);
    expect(s).toMatchObject({ label: 'negative', source: 'baton-sentiment-mini' });
  });

  it('uses a model from the IT folder, refuses unusable ones, and removes only downloads', async () => {
    const { service, manager } = start();
    await expect(manager.use('sentiment', 'no-tokenizer')).rejects.toThrow(/no-tokenizer cannot be used: tokenizer\.json is missing/);
    await expect(manager.use('embeddings', 'it-sentiment')).rejects.toThrow(/it-sentiment is a sentiment model, not a embeddings model/);
    await expect(manager.use('sentiment', 'served-embed')).rejects.toThrow(/served-embed is not downloaded yet/);
    const o = await manager.use('sentiment', 'it-sentiment');
    expect(o.tasks.sentiment).toMatchObject({ selected: 'it-sentiment', status: { state: 'ready', model: 'it-sentiment' } });
    expect((await service.scoreSentiment(['great, thanks']))[0]!.source).toBe('it-sentiment');
    await expect(manager.remove('it-sentiment')).rejects.toThrow(/IT models folder/);
    await expect(manager.remove('baton-sentiment-mini')).rejects.toThrow(/built in/);

    // Removing the model a task uses puts the built-in model back first.
    manager.download('served-sentiment');
    await manager.settled('served-sentiment');
    await manager.use('sentiment', 'served-sentiment');
    const removed = await manager.remove('served-sentiment');
    expect(existsSync(join(dataDir, 'models', 'served-sentiment'))).toBe(false);
    expect(removed.tasks.sentiment).toMatchObject({ selected: 'baton-sentiment-mini', status: { model: 'baton-sentiment-mini' } });
    expect(model(removed, 'served-sentiment')!.installed).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, MODEL_CHOICE_FILE), 'utf8')).sentiment).toBe('baton-sentiment-mini');
    expect((await service.scoreSentiment(['great, thanks']))[0]!.source).toBe('baton-sentiment-mini');
  });
});
