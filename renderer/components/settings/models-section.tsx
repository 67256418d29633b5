// Settings → Models (issue 5, "Larger models on demand"): per task, the model in use and its state
// (with the reason when it is unavailable or when the built-in model took over), then every model
// for that task with its size and licence and what can be done with it: download (with a progress
// bar and cancel), use, remove. Folders in the data or IT folder that are not usable models are
// listed with the reason. Errors are said in words; nothing here makes up a state it was not told.
import { useEffect, useId } from 'react';
import type { ModelStatus } from '../../../shared/intelligence';
import type { ModelDownloadProgress, ModelEntry, ModelsOverview, ModelSource, ModelTask } from '../../../shared/models';
import { cancelDownload, connectModels, removeModel, startDownload, switchModel, useModelsStore } from '../../stores/models-store';
import './models-section.css';

const TASK_NAMES: Record<ModelTask, { heading: string; noun: string }> = {
  sentiment: { heading: 'Sentiment', noun: 'Sentiment' },
  embeddings: { heading: 'Reply suggestions (embeddings)', noun: 'Reply suggestions' },
};

const SOURCE_NAMES: Record<ModelSource, string> = {
  'built-in': 'Built in',
  catalog: 'Optional download',
  'data-folder': 'Data folder',
  'it-folder': 'IT folder',
};

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`;
}

function stateWords(status: ModelStatus): string {
  switch (status.state) {
    case 'ready':
      return status.loadMs !== undefined ? `ready (loaded in ${Math.round(status.loadMs)} ms)` : 'ready';
    case 'loading':
      return 'loading…';
    case 'not_loaded':
      return 'loads when first needed';
    case 'unavailable':
      return 'unavailable';
  }
}

export function ModelsSection() {
  const id = useId();
  const overview = useModelsStore((s) => s.overview);
  const error = useModelsStore((s) => s.error);
  useEffect(() => connectModels(), []);

  return (
    <section className="settings-section models-section" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Models</h3>
      <p className="muted">Sentiment and reply suggestions run on this computer; customer text never leaves it. Larger models are optional downloads.</p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {overview ? (
        <>
          <TaskPanel task="sentiment" overview={overview} />
          <TaskPanel task="embeddings" overview={overview} />
          <UnusableFolders overview={overview} />
          <p className="muted models-folders">
            Downloaded models are kept in <code>{overview.dataFolder}</code>.{' '}
            {overview.itFolder ? (
              <>
                Models IT installed are read from <code>{overview.itFolder}</code>.
              </>
            ) : (
              <>IT can install models by hand in a folder named by BATON_MODELS_DIR.</>
            )}
          </p>
        </>
      ) : error ? null : (
        <p>Loading models…</p>
      )}
    </section>
  );
}

function TaskPanel({ task, overview }: { task: ModelTask; overview: ModelsOverview }) {
  const id = useId();
  const state = overview.tasks[task];
  const names = TASK_NAMES[task];
  const models = overview.models.filter((m) => m.task === task && (m.valid || m.source === 'catalog'));
  const inUse = overview.models.find((m) => m.id === state.status.model);
  return (
    <div className="models-task" role="group" aria-labelledby={`${id}-task`}>
      <h4 id={`${id}-task`}>{names.heading}</h4>
      <p className="models-in-use">
        In use: <strong>{inUse?.title ?? state.status.model}</strong> — {stateWords(state.status)}
      </p>
      {state.status.state === 'unavailable' ? (
        <p className="field-error" role="alert">
          {names.noun} is unavailable: {state.status.reason ?? 'the model could not be loaded'}
        </p>
      ) : null}
      {state.fallbackReason ? (
        <p className="models-fallback" role="status">
          {state.fallbackReason}
        </p>
      ) : null}
      <ul className="models-list" aria-label={`${names.heading} models`}>
        {models.map((m) => (
          <ModelRow key={m.id} model={m} task={task} overview={overview} />
        ))}
      </ul>
    </div>
  );
}

function ModelRow({ model, task, overview }: { model: ModelEntry; task: ModelTask; overview: ModelsOverview }) {
  const id = useId();
  const download = overview.downloads.find((d) => d.modelId === model.id);
  const liveProgress = useModelsStore((s) => s.progress[model.id]);
  const busy = useModelsStore((s) => s.busy[model.id]);
  const downloading = download?.state === 'downloading';
  const inUse = overview.tasks[task].status.model === model.id;
  const progress = downloading ? (liveProgress ?? download.progress) : null;
  const current = overview.models.find((m) => m.id === overview.tasks[task].status.model);
  const keeps = current?.source === 'built-in' ? 'the built-in model stays in use' : `${current?.title ?? overview.tasks[task].status.model} stays in use`;

  return (
    <li className={`models-row${inUse ? ' models-row-active' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="models-row-top">
        <span id={`${id}-title`} className="models-title">
          {model.title}
        </span>
        {inUse ? <span className="badge">In use</span> : null}
      </div>
      <div className="models-meta muted">
        {SOURCE_NAMES[model.source]}
        {' · '}
        {model.bytes !== undefined ? formatBytes(model.bytes) : progress?.totalBytes != null ? formatBytes(progress.totalBytes) : 'size shown when the download starts'}
        {model.licence ? ` · Licence: ${model.licence}` : ''}
        {model.installed && model.source === 'catalog' ? ' · Downloaded' : ''}
      </div>
      {downloading ? <DownloadProgress title={model.title} progress={progress} /> : null}
      {download?.state === 'failed' ? (
        <p className="field-error" role="alert">
          Download failed: {download.error ?? 'no reason given'} — {keeps}
        </p>
      ) : null}
      {download?.state === 'cancelled' ? <p className="muted">Download cancelled.</p> : null}
      <div className="models-actions">
        {downloading ? (
          <button type="button" className="button" disabled={busy !== undefined} onClick={() => void cancelDownload(model.id)} aria-label={`Cancel download of ${model.title}`}>
            Cancel
          </button>
        ) : null}
        {!model.installed && !downloading ? (
          <button type="button" className="button" disabled={busy !== undefined} onClick={() => void startDownload(model.id)} aria-label={`Download ${model.title}`}>
            {download?.state === 'failed' ? 'Try again' : 'Download'}
          </button>
        ) : null}
        {download && !downloading ? (
          <button type="button" className="button button-quiet" disabled={busy !== undefined} onClick={() => void cancelDownload(model.id)} aria-label={`Dismiss the message about ${model.title}`}>
            Dismiss
          </button>
        ) : null}
        {model.installed && model.valid && !inUse ? (
          <button type="button" className="button button-primary" disabled={busy !== undefined} onClick={() => void switchModel(task, model.id)} aria-label={`Use ${model.title}`}>
            {busy === 'use' ? 'Loading…' : 'Use'}
          </button>
        ) : null}
        {model.installed && model.removable ? (
          <button type="button" className="button button-danger" disabled={busy !== undefined} onClick={() => void removeModel(model.id)} aria-label={`Remove ${model.title}`}>
            Remove
          </button>
        ) : null}
      </div>
    </li>
  );
}

function DownloadProgress({ title, progress }: { title: string; progress: ModelDownloadProgress | null }) {
  const percent = progress?.percent ?? null;
  const received = progress ? formatBytes(progress.receivedBytes) : '0 B';
  const text = progress
    ? `${percent !== null ? `${Math.floor(percent)}% — ` : ''}${received}${progress.totalBytes !== null ? ` of ${formatBytes(progress.totalBytes)}` : ''} (file ${progress.fileIndex + 1} of ${progress.fileCount}: ${progress.file})`
    : 'Starting…';
  return (
    <div className="models-progress">
      <div
        className="models-progress-track"
        role="progressbar"
        aria-label={`Downloading ${title}`}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== null ? { 'aria-valuenow': Math.floor(percent) } : {})}
        aria-valuetext={text}
      >
        <div className="models-progress-bar" style={{ width: `${percent ?? 0}%` }} />
      </div>
      <span className="models-progress-text muted">{text}</span>
    </div>
  );
}

function UnusableFolders({ overview }: { overview: ModelsOverview }) {
  const bad = overview.models.filter((m) => m.installed && !m.valid);
  if (bad.length === 0) return null;
  return (
    <div className="models-task">
      <h4>Folders that are not usable models</h4>
      <ul className="models-list" aria-label="Folders that are not usable models">
        {bad.map((m) => (
          <li key={`${m.source}-${m.id}`} className="models-row">
            <span className="models-title">{m.id}</span> <span className="muted">({SOURCE_NAMES[m.source]})</span>: {m.problem ?? 'not a usable model'}
          </li>
        ))}
      </ul>
    </div>
  );
}
