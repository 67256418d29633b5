// The model manager's API as the renderer reaches it: every answer and event goes through the
// contract's schemas (dispatchApiCall, apiEvents), with a real worker and a local file server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvents, type ApiHandlers, type EventName } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import { ModelsOverview } from '../../../shared/models';
import type { Logger } from '../logger';
import { WorkerIntelligenceService } from './intelligence-service';
import { CATALOG_URL_ENV, fileUrl } from './model-catalog';
import { CatalogModel } from './model-download';
import { ModelFileServer } from './model-file-server';
import { attachModelManager } from './model-manager-handlers';
import { builtInModelsDir } from './models-dir';

const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

describe('attachModelManager', () => {
  const server = new ModelFileServer();
  let dir: string;
  let service: WorkerIntelligenceService;
  const builtIn = builtInModelsDir();
  const events: Array<{ event: EventName; payload: unknown }> = [];
  const errors: string[] = [];
  const log: Logger = { info: () => {}, warn: () => {}, error: (m) => void errors.push(m) };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-model-api-'));
    server.addRepo('acme/embed', Object.fromEntries(FILES.map((f) => [f, readFileSync(join(builtIn, 'baton-embed-mini', f))])));
    await server.start();
    service = new WorkerIntelligenceService({ modelsDir: builtIn, requestTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await service.dispose();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers models:* through the contract and pushes valid progress and change events', async () => {
    const catalog = [
      CatalogModel.parse({ id: 'mirror-embed', task: 'embeddings', title: 'Mirror embed', licence: 'Apache-2.0', files: FILES.map((f) => ({ path: f, url: fileUrl(server.url, 'acme/embed', 'main', f) })) }),
    ];
    let stale = 0;
    const attached = attachModelManager({
      service,
      builtInDir: builtIn,
      dataDir: join(dir, 'data'),
      itDir: null,
      catalog,
      emit: (event, payload) => void events.push({ event, payload }),
      log,
      onEmbeddingsChanged: () => stale++,
    });
    try {
      const handlers = attached.handlers as unknown as ApiHandlers;
      const call = (method: string, args: unknown) => dispatchApiCall(handlers, method, args, { error: () => undefined });
      const listed = await call('models:list', {});
      expect(listed.ok).toBe(true);
      expect(ModelsOverview.parse((listed as { value: unknown }).value).models.map((m) => m.id)).toEqual(['baton-sentiment-mini', 'baton-embed-mini', 'mirror-embed']);

      expect(await call('models:download', { modelId: '../etc' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await call('models:download', { modelId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'nope is not in the model catalog' } });
      expect(await call('models:download', { modelId: 'mirror-embed' })).toMatchObject({ ok: true });
      await attached.manager.settled('mirror-embed');
      const used = await call('models:use', { task: 'embeddings', modelId: 'mirror-embed' });
      expect(used.ok).toBe(true);
      expect(ModelsOverview.parse((used as { value: unknown }).value).tasks.embeddings).toMatchObject({ selected: 'mirror-embed', status: { state: 'ready' } });
      expect(stale).toBe(1);

      expect(events.some((e) => e.event === 'models:progress')).toBe(true);
      expect(events.some((e) => e.event === 'models:changed')).toBe(true);
      for (const e of events) expect(apiEvents[e.event].safeParse(e.payload).success).toBe(true);
      expect(await call('models:remove', { modelId: 'baton-embed-mini' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await attached.dispose();
    }
  });

  it('a mistyped BATON_MODEL_CATALOG_URL leaves an empty catalog and says why in the log', async () => {
    const before = process.env[CATALOG_URL_ENV];
    process.env[CATALOG_URL_ENV] = 'ftp://mirror';
    try {
      const attached = attachModelManager({ service, builtInDir: builtIn, dataDir: join(dir, 'data2'), itDir: null, emit: () => {}, log });
      expect(attached.manager.overview().models.filter((m) => m.source === 'catalog')).toEqual([]);
      expect(errors.at(-1)).toMatch(/the model catalog is unavailable: BATON_MODEL_CATALOG_URL must be an http\(s\) URL/);
      await attached.dispose();
    } finally {
      if (before === undefined) delete process.env[CATALOG_URL_ENV];
      else process.env[CATALOG_URL_ENV] = before;
    }
  });
});
