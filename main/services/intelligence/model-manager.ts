// The model manager (issue 5, "Larger models on demand"): lists the built-in models, the catalog's
// optional models (installed or not), and model folders found in the data folder and in IT's
// folder; downloads catalog models with progress (model-download.ts), cancels and removes them;
// and switches the model a task uses. A model that fails to load never leaves a task without one:
// the built-in model takes over and the overview says why (fallbacks are explicit). The choice is
// kept in the data folder (model-choice.ts) and applied at the next start.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../../shared/clock';
import type { IntelligenceStatus } from '../../../shared/intelligence';
import { toDisposable, type Disposable } from '../../../shared/lifecycle';
import { MODEL_TASKS, type ModelDownload, type ModelDownloadProgress, type ModelEntry, type ModelsOverview, type ModelTask } from '../../../shared/models';
import { BatonError } from '../../../shared/result';
import { silentLogger, type Logger } from '../logger';
import { DEFAULT_EMBEDDING_MODEL, DEFAULT_SENTIMENT_MODEL, type IntelligenceService } from './intelligence-service';
import { readModelChoice, writeModelChoice, type ModelChoice } from './model-choice';
import { downloadModel, type CatalogModel, type DownloadProgress } from './model-download';
import { inspectModelFolder, MANIFEST_FILE, scanModelFolders, type ModelFolder, type ModelManifest } from './model-folder';
import type { ModelSpec } from './model-spec';

export const BUILT_IN_MODELS: Record<ModelTask, string> = { sentiment: DEFAULT_SENTIMENT_MODEL, embeddings: DEFAULT_EMBEDDING_MODEL };
/** Progress events per download are sent at most this often (the last one always). */
export const PROGRESS_INTERVAL_MS = 100;

export interface ModelManagerOptions {
  service: Pick<IntelligenceService, 'setModels' | 'models' | 'warmUp' | 'status' | 'onStatusChanged'>;
  /** Where baton-sentiment-mini and baton-embed-mini live. */
  builtInDir: string;
  /** The app's data folder: downloads go to <dataDir>/models, the choice to <dataDir>/model-choice.json. */
  dataDir: string;
  /** The folder IT fills by hand (BATON_MODELS_DIR); read only. */
  itDir?: string | null;
  catalog: readonly CatalogModel[];
  clock?: Clock;
  log?: Logger;
  /** The embedding model changed: vectors made by the old one (the reply library's) are stale. */
  onEmbeddingsChanged?: () => void;
}

interface RunningDownload {
  state: ModelDownload;
  controller: AbortController;
  done: Promise<void>;
  lastEmit: number;
}

export class ModelManager implements Disposable {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly modelsDir: string;
  private readonly catalogById: Map<string, CatalogModel>;
  private readonly downloads = new Map<string, RunningDownload>();
  private readonly selected: Record<ModelTask, string> = { ...BUILT_IN_MODELS };
  private readonly fallbackReason: Partial<Record<ModelTask, string>> = {};
  /** A task being switched by use(): its load failure is handled there, not by the status listener. */
  private readonly switching = new Set<ModelTask>();
  private readonly progressListeners = new Set<(progress: ModelDownloadProgress) => void>();
  private readonly changeListeners = new Set<(overview: ModelsOverview) => void>();
  private readonly offStatus: Disposable;
  private writing: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: ModelManagerOptions) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.modelsDir = join(options.dataDir, 'models');
    this.catalogById = new Map(options.catalog.map((m) => [m.id, m]));
    this.offStatus = options.service.onStatusChanged((status) => this.onServiceStatus(status));
  }

  /** Applies the saved choice (models load lazily, so this costs nothing until first use). */
  start(): void {
    const { choice, problem } = readModelChoice(this.options.dataDir);
    if (problem) this.log.warn(`models: ${problem}`);
    if (!choice) return;
    for (const task of MODEL_TASKS) {
      const id = choice[task];
      this.selected[task] = id;
      if (id === BUILT_IN_MODELS[task]) continue;
      const found = this.find(id);
      const problemWith = !found ? 'it is not installed any more' : found.problem ?? (found.task !== task ? `it is a ${found.task ?? 'unknown'} model` : undefined);
      if (problemWith || !found?.spec) {
        this.fallbackReason[task] = `${id} cannot be used: ${problemWith ?? 'it is not a usable model'}; the built-in model is in use`;
        this.log.warn(`models: ${this.fallbackReason[task]}`);
        continue;
      }
      this.options.service.setModels({ [task]: found.spec });
    }
  }

  overview(): ModelsOverview {
    const status = this.options.service.status();
    const inUse = this.options.service.models();
    const models: ModelEntry[] = [];
    const seen = new Set<string>();
    const add = (entry: ModelEntry) => {
      if (seen.has(entry.id)) return;
      seen.add(entry.id);
      models.push(entry);
    };
    const isActive = (id: string) => MODEL_TASKS.some((t) => inUse[t].id === id);
    const fromFolder = (f: ModelFolder, extra: Partial<ModelEntry> = {}): ModelEntry => ({
      id: f.id,
      task: f.task,
      title: f.title,
      source: f.source,
      ...(f.licence ? { licence: f.licence } : {}),
      ...(f.homepage ? { homepage: f.homepage } : {}),
      bytes: f.bytes,
      installed: true,
      valid: f.problem === undefined,
      ...(f.problem ? { problem: f.problem } : {}),
      active: isActive(f.id),
      removable: f.source === 'catalog' || f.source === 'data-folder',
      ...extra,
    });

    for (const task of MODEL_TASKS) {
      const folder = inspectModelFolder(join(this.options.builtInDir, BUILT_IN_MODELS[task]), BUILT_IN_MODELS[task], 'built-in');
      add(fromFolder(folder, { task, title: `${BUILT_IN_MODELS[task]} (built in)`, licence: 'Apache-2.0' }));
    }
    const downloaded = new Map(scanModelFolders(this.modelsDir, 'data-folder').map((f) => [f.id, f]));
    for (const entry of this.options.catalog) {
      const folder = downloaded.get(entry.id);
      const pinned = entry.files.every((f) => f.bytes !== undefined) ? entry.files.reduce((a, f) => a + f.bytes!, 0) : undefined;
      const base = { task: entry.task, title: entry.title, source: 'catalog' as const, licence: entry.licence, ...(entry.homepage ? { homepage: entry.homepage } : {}) };
      if (folder) add(fromFolder({ ...folder, source: 'catalog' }, base));
      else add({ id: entry.id, ...base, ...(pinned !== undefined ? { bytes: pinned } : {}), installed: false, valid: false, active: false, removable: false });
    }
    for (const folder of downloaded.values()) add(fromFolder(folder));
    if (this.options.itDir) {
      for (const folder of scanModelFolders(this.options.itDir, 'it-folder')) {
        if (seen.has(folder.id)) add(fromFolder({ ...folder, id: `it-${folder.id}`.slice(0, 100), problem: `another model is already called ${folder.id}: rename the folder` }));
        else add(fromFolder(folder));
      }
    }

    const task = (t: ModelTask) => ({
      selected: this.selected[t],
      status: status[t],
      ...(this.fallbackReason[t] ? { fallbackReason: this.fallbackReason[t] } : {}),
    });
    return {
      tasks: { sentiment: task('sentiment'), embeddings: task('embeddings') },
      models,
      downloads: [...this.downloads.values()].map((d) => ({ ...d.state })),
      dataFolder: this.modelsDir,
      itFolder: this.options.itDir ?? null,
    };
  }

  onProgress(listener: (progress: ModelDownloadProgress) => void): Disposable {
    this.progressListeners.add(listener);
    return toDisposable(() => void this.progressListeners.delete(listener));
  }

  onChanged(listener: (overview: ModelsOverview) => void): Disposable {
    this.changeListeners.add(listener);
    return toDisposable(() => void this.changeListeners.delete(listener));
  }

  /** Starts downloading a catalog model; resolves at once (the download runs on). */
  download(modelId: string): ModelsOverview {
    this.assertOpen();
    const entry = this.catalogById.get(modelId);
    if (!entry) throw new BatonError('not_found', `${modelId} is not in the model catalog`);
    if (this.downloads.get(modelId)?.state.state === 'downloading') return this.overview();
    const controller = new AbortController();
    const running: RunningDownload = {
      state: { modelId, state: 'downloading', progress: null },
      controller,
      done: Promise.resolve(),
      lastEmit: -Infinity,
    };
    const manifest: ModelManifest = {
      task: entry.task,
      title: entry.title,
      licence: entry.licence,
      ...(entry.homepage ? { homepage: entry.homepage } : {}),
      dtype: entry.dtype,
      ...(entry.labels ? { labels: entry.labels } : {}),
    };
    this.downloads.set(modelId, running);
    running.done = downloadModel(entry, this.modelsDir, {
      signal: controller.signal,
      onProgress: (p) => this.onDownloadProgress(running, p),
      extraFiles: { [MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n` },
    }).then(
      () => {
        if (this.downloads.get(modelId) === running) this.downloads.delete(modelId);
        this.log.info(`models: ${modelId} downloaded to ${join(this.modelsDir, modelId)}`);
        this.emitChanged();
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        running.state = controller.signal.aborted
          ? { ...running.state, state: 'cancelled' }
          : { ...running.state, state: 'failed', error: message.slice(0, 1_000) };
        if (!controller.signal.aborted) this.log.warn(`models: downloading ${modelId} failed: ${message}`);
        this.emitChanged();
      },
    );
    this.emitChanged();
    return this.overview();
  }

  /** Resolves when the download of `modelId` (if any) has ended; for tests and shutdown. */
  async settled(modelId: string): Promise<void> {
    await this.downloads.get(modelId)?.done;
  }

  async cancel(modelId: string): Promise<ModelsOverview> {
    const running = this.downloads.get(modelId);
    if (!running) throw new BatonError('not_found', `${modelId} is not being downloaded`);
    if (running.state.state === 'downloading') {
      running.controller.abort();
      await running.done;
    } else {
      // Cancel on a failed or cancelled entry dismisses it.
      this.downloads.delete(modelId);
      this.emitChanged();
    }
    return this.overview();
  }

  async remove(modelId: string): Promise<ModelsOverview> {
    this.assertOpen();
    const entry = this.overview().models.find((m) => m.id === modelId);
    if (!entry || !entry.installed) throw new BatonError('not_found', `${modelId} is not installed`);
    if (!entry.removable) {
      throw new BatonError('forbidden', entry.source === 'built-in' ? `${modelId} is built in and cannot be removed` : `${modelId} is in the IT models folder; IT removes it there`);
    }
    if (this.downloads.get(modelId)?.state.state === 'downloading') throw new BatonError('conflict', `${modelId} is being downloaded; cancel the download first`);
    const inUse = this.options.service.models();
    for (const task of MODEL_TASKS) {
      if (inUse[task].id === modelId || this.selected[task] === modelId) {
        this.switchTo(task, this.builtInSpec(task));
        this.selected[task] = BUILT_IN_MODELS[task];
        delete this.fallbackReason[task];
      }
    }
    await this.persist();
    await rm(join(this.modelsDir, modelId), { recursive: true, force: true });
    this.log.info(`models: removed ${modelId}`);
    this.emitChanged();
    return this.overview();
  }

  /**
   * Switches `task` to `modelId` once the model has loaded. If it does not load, the built-in model
   * is put back, the choice goes back to it, and the overview's fallbackReason says why.
   */
  async use(task: ModelTask, modelId: string): Promise<ModelsOverview> {
    this.assertOpen();
    const spec = modelId === BUILT_IN_MODELS[task] ? this.builtInSpec(task) : this.usableSpec(task, modelId);
    this.switching.add(task);
    try {
      this.switchTo(task, spec);
      try {
        await this.options.service.warmUp(task);
        this.selected[task] = modelId;
        delete this.fallbackReason[task];
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.log.warn(`models: ${modelId} could not be loaded for ${task}: ${reason}`);
        this.switchTo(task, this.builtInSpec(task));
        this.selected[task] = BUILT_IN_MODELS[task];
        this.fallbackReason[task] = `${modelId} could not be loaded (${reason}); the built-in model stays in use`;
      }
    } finally {
      this.switching.delete(task);
    }
    await this.persist();
    this.emitChanged();
    return this.overview();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.offStatus.dispose();
    const running = [...this.downloads.values()].filter((d) => d.state.state === 'downloading');
    for (const d of running) d.controller.abort();
    await Promise.all(running.map((d) => d.done));
    await this.writing;
    this.progressListeners.clear();
    this.changeListeners.clear();
  }

  private assertOpen(): void {
    if (this.disposed) throw new BatonError('unavailable', 'the model manager has been shut down');
  }

  private builtInSpec(task: ModelTask): ModelSpec {
    const id = BUILT_IN_MODELS[task];
    const folder = inspectModelFolder(join(this.options.builtInDir, id), id, 'built-in');
    // A broken built-in folder still gets a spec, so the worker reports exactly what is wrong.
    return folder.spec ?? { id, path: folder.path, dtype: 'fp32', ...(task === 'sentiment' ? { labels: { values: { negative: -1, neutral: 0, positive: 1 }, neutralBand: 0 } } : {}) };
  }

  private find(modelId: string): ModelFolder | undefined {
    const downloaded = scanModelFolders(this.modelsDir, 'data-folder').find((f) => f.id === modelId);
    if (downloaded) return downloaded;
    return this.options.itDir ? scanModelFolders(this.options.itDir, 'it-folder').find((f) => f.id === modelId) : undefined;
  }

  private usableSpec(task: ModelTask, modelId: string): ModelSpec {
    const folder = this.find(modelId);
    if (!folder) {
      throw new BatonError('not_found', this.catalogById.has(modelId) ? `${modelId} is not downloaded yet` : `no model ${modelId} in the data folder or the IT models folder`);
    }
    if (folder.problem || !folder.spec) throw new BatonError('conflict', `${modelId} cannot be used: ${folder.problem ?? 'it is not a usable model'}`);
    if (folder.task !== task) throw new BatonError('bad_request', `${modelId} is a ${folder.task} model, not a ${task} model`);
    return folder.spec;
  }

  private switchTo(task: ModelTask, spec: ModelSpec): void {
    const before = this.options.service.models()[task];
    this.options.service.setModels({ [task]: spec });
    if (task === 'embeddings' && JSON.stringify(before) !== JSON.stringify(spec)) this.options.onEmbeddingsChanged?.();
  }

  /** A chosen model that fails when first used (at start, or its files changed) hands over to the built-in one. */
  private onServiceStatus(status: IntelligenceStatus): void {
    if (this.disposed) return;
    for (const task of MODEL_TASKS) {
      const s = status[task];
      if (s.state !== 'unavailable' || this.switching.has(task) || s.model === BUILT_IN_MODELS[task]) continue;
      this.fallbackReason[task] = `${s.model} could not be loaded (${s.reason ?? 'no reason given'}); the built-in model is in use`;
      this.log.warn(`models: ${this.fallbackReason[task]}`);
      this.switchTo(task, this.builtInSpec(task));
      this.emitChanged();
    }
  }

  private onDownloadProgress(running: RunningDownload, p: DownloadProgress): void {
    const progress: ModelDownloadProgress = {
      modelId: p.modelId,
      file: p.file,
      fileIndex: p.fileIndex,
      fileCount: p.fileCount,
      receivedBytes: p.receivedBytes,
      totalBytes: p.totalBytes,
      percent: p.totalBytes ? Math.min(100, Math.round((p.receivedBytes / p.totalBytes) * 1000) / 10) : null,
    };
    const fileChanged = running.state.progress?.file !== progress.file;
    running.state = { ...running.state, progress };
    const now = this.clock.now();
    const finished = p.totalBytes !== null && p.receivedBytes >= p.totalBytes;
    if (!fileChanged && !finished && now - running.lastEmit < PROGRESS_INTERVAL_MS) return;
    running.lastEmit = now;
    for (const listener of [...this.progressListeners]) listener(progress);
  }

  private persist(): Promise<void> {
    const choice: ModelChoice = { version: 1, sentiment: this.selected.sentiment, embeddings: this.selected.embeddings };
    const write = this.writing.then(() => writeModelChoice(this.options.dataDir, choice));
    this.writing = write.catch((error: unknown) => this.log.error('models: could not save the model choice', error));
    return write;
  }

  private emitChanged(): void {
    if (this.changeListeners.size === 0) return;
    const overview = this.overview();
    for (const listener of [...this.changeListeners]) listener(overview);
  }
}
