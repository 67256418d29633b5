// Settings → Models: the model manager's overview, live download progress, and the commands
// (download, cancel, use, remove). The section connects while it is on screen; downloads run on in
// the services when it closes, and the overview shows them again when it reopens.
import { create } from 'zustand';
import type { BatonApi, MethodArgs, MethodName, MethodResult } from '../../shared/api';
import type { IntelligenceStatus } from '../../shared/intelligence';
import type { ModelDownloadProgress, ModelsOverview, ModelTask } from '../../shared/models';
import type { Result } from '../../shared/result';

export interface ModelsState {
  overview: ModelsOverview | null;
  /** The latest progress per downloading model (fresher than the overview's copy). */
  progress: Record<string, ModelDownloadProgress | undefined>;
  /** The last command that failed, in words. */
  error: string | null;
  /** A command in flight per model id (its buttons are disabled meanwhile). */
  busy: Record<string, 'download' | 'cancel' | 'use' | 'remove' | undefined>;

  overviewLoaded(overview: ModelsOverview): void;
  progressReceived(progress: ModelDownloadProgress): void;
  /** The model worker's own status (a model loaded or failed) is fresher than the overview's copy. */
  statusReceived(status: IntelligenceStatus): void;
  errorShown(message: string | null): void;
  busyChanged(modelId: string, action: ModelsState['busy'][string] | null): void;
  reset(): void;
}

const initial = { overview: null, progress: {}, error: null, busy: {} };

export const useModelsStore = create<ModelsState>()((set) => ({
  ...initial,
  overviewLoaded: (overview) =>
    set((s) => {
      // Progress for downloads that ended is dropped; running ones keep their latest event.
      const running = new Set(overview.downloads.filter((d) => d.state === 'downloading').map((d) => d.modelId));
      const progress = Object.fromEntries(Object.entries(s.progress).filter(([id]) => running.has(id)));
      return { overview, progress };
    }),
  progressReceived: (p) => set((s) => ({ progress: { ...s.progress, [p.modelId]: p } })),
  statusReceived: (status) =>
    set((s) => {
      if (!s.overview) return {};
      const { sentiment, embeddings } = s.overview.tasks;
      return { overview: { ...s.overview, tasks: { sentiment: { ...sentiment, status: status.sentiment }, embeddings: { ...embeddings, status: status.embeddings } } } };
    }),
  errorShown: (error) => set({ error }),
  busyChanged: (modelId, action) => set((s) => ({ busy: { ...s.busy, [modelId]: action ?? undefined } })),
  reset: () => set(initial),
}));

let api: BatonApi | null = null;

async function call<N extends MethodName>(method: N, args: MethodArgs<N>): Promise<Result<MethodResult<N>>> {
  if (!api) return { ok: false, error: { code: 'unavailable', message: 'Baton is still starting' } };
  return api.invoke(method, args);
}

/** Subscribes to the manager's events and loads the overview; returns the unsubscribe function. */
export function connectModels(source: BatonApi | undefined = typeof window === 'undefined' ? undefined : window.baton): () => void {
  if (!source) {
    useModelsStore.getState().errorShown('Models cannot be managed here: the Baton services are not connected');
    return () => undefined;
  }
  api = source;
  const offProgress = source.on('models:progress', (p) => useModelsStore.getState().progressReceived(p));
  const offChanged = source.on('models:changed', (o) => useModelsStore.getState().overviewLoaded(o));
  const offStatus = source.on('intelligence:status', (status) => useModelsStore.getState().statusReceived(status));
  void refreshModels();
  return () => {
    offProgress();
    offChanged();
    offStatus();
    if (api === source) api = null;
  };
}

export async function refreshModels(): Promise<void> {
  const result = await call('models:list', {});
  if (result.ok) useModelsStore.getState().overviewLoaded(result.value);
  else useModelsStore.getState().errorShown(`Models could not be listed: ${result.error.message}`);
}

async function run(modelId: string, action: NonNullable<ModelsState['busy'][string]>, failure: string, invoke: () => Promise<Result<ModelsOverview>>): Promise<boolean> {
  const store = useModelsStore.getState();
  store.busyChanged(modelId, action);
  store.errorShown(null);
  try {
    const result = await invoke();
    if (!result.ok) {
      useModelsStore.getState().errorShown(`${failure}: ${result.error.message}`);
      return false;
    }
    useModelsStore.getState().overviewLoaded(result.value);
    return true;
  } finally {
    useModelsStore.getState().busyChanged(modelId, null);
  }
}

export const startDownload = (modelId: string) => run(modelId, 'download', `${modelId} could not be downloaded`, () => call('models:download', { modelId }));
export const cancelDownload = (modelId: string) => run(modelId, 'cancel', `The download of ${modelId} could not be cancelled`, () => call('models:cancel', { modelId }));
export const removeModel = (modelId: string) => run(modelId, 'remove', `${modelId} could not be removed`, () => call('models:remove', { modelId }));
export const switchModel = (task: ModelTask, modelId: string) => run(modelId, 'use', `${modelId} could not be switched on`, () => call('models:use', { task, modelId }));
