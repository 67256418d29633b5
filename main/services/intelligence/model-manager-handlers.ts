// Joins the model manager to the desktop services: its API methods (models:*), its events
// (models:progress, models:changed, pushed to every window/tab) and its lifetime. The intelligence
// plugin calls attachModelManager once it has built the model service and the reply suggester.
import type { ApiHandlers, EventSink } from '../../../shared/api';
import type { Clock } from '../../../shared/clock';
import { DisposableStore } from '../../../shared/lifecycle';
import type { Logger } from '../logger';
import type { IntelligenceService } from './intelligence-service';
import { catalogBaseUrl, resolveCatalog } from './model-catalog';
import type { CatalogModel } from './model-download';
import { ModelManager } from './model-manager';
import { itModelsDir } from './models-dir';

export type ModelMethod = 'models:list' | 'models:download' | 'models:cancel' | 'models:remove' | 'models:use';

export function createModelManagerHandlers(manager: ModelManager): Pick<ApiHandlers, ModelMethod> {
  return {
    'models:list': () => manager.overview(),
    'models:download': ({ modelId }) => manager.download(modelId),
    'models:cancel': ({ modelId }) => manager.cancel(modelId),
    'models:remove': ({ modelId }) => manager.remove(modelId),
    'models:use': ({ task, modelId }) => manager.use(task, modelId),
  };
}

export interface AttachModelManagerOptions {
  service: IntelligenceService;
  builtInDir: string;
  dataDir: string;
  /** IT's folder; defaults to BATON_MODELS_DIR. */
  itDir?: string | null;
  /** Defaults to the built-in catalog under BATON_MODEL_CATALOG_URL (or Hugging Face). */
  catalog?: readonly CatalogModel[];
  emit: EventSink;
  log: Logger;
  clock?: Clock;
  onEmbeddingsChanged?: () => void;
}

export function attachModelManager(options: AttachModelManagerOptions) {
  let catalog = options.catalog;
  if (!catalog) {
    try {
      catalog = resolveCatalog(catalogBaseUrl());
    } catch (error) {
      // A mistyped mirror URL must not take sentiment down with it: no downloads, and the log says why.
      options.log.error(`models: the model catalog is unavailable: ${(error as Error).message}`);
      catalog = [];
    }
  }
  const owned = new DisposableStore();
  const manager = new ModelManager({
    service: options.service,
    builtInDir: options.builtInDir,
    dataDir: options.dataDir,
    itDir: options.itDir === undefined ? itModelsDir() : options.itDir,
    catalog,
    log: options.log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onEmbeddingsChanged ? { onEmbeddingsChanged: options.onEmbeddingsChanged } : {}),
  });
  owned.add(manager);
  owned.add(manager.onProgress((progress) => options.emit('models:progress', progress)));
  owned.add(manager.onChanged((overview) => options.emit('models:changed', overview)));
  manager.start();
  return { manager, handlers: createModelManagerHandlers(manager), dispose: () => owned.dispose() };
}
