// Settings → Models through the real API client and dispatcher (every call and event validated
// against the contract), with the model manager's answers scripted in memory.
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../shared/api-client';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import { apiEvents, apiMethods, type ApiHandlers, type EventName, type EventPayload, type MethodName } from '../../../shared/api';
import type { ModelsOverview } from '../../../shared/models';
import { BatonError } from '../../../shared/result';
import { setupUser } from '../../testing/user';
import { useModelsStore } from '../../stores/models-store';
import { ModelsSection } from './models-section';

function overview(patch: Partial<ModelsOverview> = {}): ModelsOverview {
  return {
    tasks: {
      sentiment: { selected: 'baton-sentiment-mini', status: { model: 'baton-sentiment-mini', state: 'ready', loadMs: 41 } },
      embeddings: { selected: 'baton-embed-mini', status: { model: 'baton-embed-mini', state: 'not_loaded' } },
    },
    models: [
      { id: 'baton-sentiment-mini', task: 'sentiment', title: 'baton-sentiment-mini (built in)', source: 'built-in', licence: 'Apache-2.0', bytes: 2_700_000, installed: true, valid: true, active: true, removable: false },
      { id: 'baton-embed-mini', task: 'embeddings', title: 'baton-embed-mini (built in)', source: 'built-in', licence: 'Apache-2.0', bytes: 3_100_000, installed: true, valid: true, active: true, removable: false },
      { id: 'distilbert-sst2', task: 'sentiment', title: 'DistilBERT SST-2', source: 'catalog', licence: 'Apache-2.0', installed: false, valid: false, active: false, removable: false },
      { id: 'it-sentiment', task: 'sentiment', title: 'it-sentiment', source: 'it-folder', bytes: 2_700_000, installed: true, valid: true, active: false, removable: false },
      { id: 'half-copied', task: null, title: 'half-copied', source: 'it-folder', bytes: 10, installed: true, valid: false, problem: 'tokenizer.json is missing', active: false, removable: false },
    ],
    downloads: [],
    dataFolder: '/data/models',
    itFolder: '/srv/it-models',
    ...patch,
  };
}

function fakeApi(initial: ModelsOverview) {
  let current = initial;
  const calls: Array<{ method: MethodName; args: unknown }> = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const handlers = Object.fromEntries(
    (Object.keys(apiMethods) as MethodName[]).map((m) => [
      m,
      () => {
        throw new BatonError('unavailable', `${m} is not part of this test`);
      },
    ]),
  ) as unknown as ApiHandlers;
  const answers: Partial<Record<MethodName, () => ModelsOverview>> = {};
  Object.assign(handlers, {
    'models:list': () => current,
    'models:download': () => answers['models:download']?.() ?? current,
    'models:cancel': () => current,
    'models:remove': () => current,
    'models:use': () => answers['models:use']?.() ?? current,
  } satisfies Partial<ApiHandlers>);
  const api = createApiClient({
    request: async (method, args) => {
      calls.push({ method, args });
      return dispatchApiCall(handlers, method, args, { error: () => undefined });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    api,
    calls,
    answers,
    set(next: ModelsOverview) {
      current = next;
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      apiEvents[event].parse(payload);
      act(() => {
        for (const l of [...listeners]) l(event, payload);
      });
    },
  };
}

afterEach(() => {
  cleanup();
  useModelsStore.getState().reset();
  delete (window as { baton?: unknown }).baton;
});

function mount(initial = overview()) {
  const fake = fakeApi(initial);
  (window as { baton?: unknown }).baton = fake.api;
  render(<ModelsSection />);
  return fake;
}

describe('Settings → Models', () => {
  it('shows the model in use per task, the available models with size and licence, and unusable folders with the reason', async () => {
    const fake = mount();
    const sentiment = await screen.findByRole('group', { name: 'Sentiment' });
    expect(within(sentiment).getByText(/ready \(loaded in 41 ms\)/)).toBeTruthy();
    const list = within(sentiment).getByRole('list', { name: 'Sentiment models' });
    const distil = within(list).getByRole('listitem', { name: 'DistilBERT SST-2' });
    expect(distil.textContent).toContain('size shown when the download starts');
    expect(distil.textContent).toContain('Licence: Apache-2.0');
    expect(within(distil).getByRole('button', { name: 'Download DistilBERT SST-2' })).toBeTruthy();
    const it = within(list).getByRole('listitem', { name: 'it-sentiment' });
    expect(it.textContent).toContain('IT folder · 2.6 MB');
    expect(within(it).queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(within(list).getByRole('listitem', { name: 'baton-sentiment-mini (built in)' }).textContent).toContain('In use');
    const embeddings = screen.getByRole('group', { name: 'Reply suggestions (embeddings)' });
    expect(within(embeddings).getByText(/loads when first needed/)).toBeTruthy();
    // The worker's status events keep the state current between overviews.
    fake.emit('intelligence:status', {
      sentiment: { model: 'baton-sentiment-mini', state: 'ready', loadMs: 41 },
      embeddings: { model: 'baton-embed-mini', state: 'loading' },
      worker: { running: true, restarts: 0 },
    });
    expect(within(embeddings).getByText(/loading…/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Folders that are not usable models' }).textContent).toContain('half-copied (IT folder): tokenizer.json is missing');
    expect(screen.getByText('/srv/it-models')).toBeTruthy();
  });

  it('downloads with a progress bar, and says in words why a download failed', async () => {
    const fake = mount();
    const user = setupUser();
    const downloading = overview({ downloads: [{ modelId: 'distilbert-sst2', state: 'downloading', progress: null }] });
    fake.answers['models:download'] = () => downloading;
    await user.click(await screen.findByRole('button', { name: 'Download DistilBERT SST-2' }));
    expect(fake.calls.filter((c) => c.method === 'models:download')).toEqual([{ method: 'models:download', args: { modelId: 'distilbert-sst2' } }]);
    const bar = await screen.findByRole('progressbar', { name: 'Downloading DistilBERT SST-2' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();

    fake.emit('models:progress', { modelId: 'distilbert-sst2', file: 'onnx/model_quantized.onnx', fileIndex: 3, fileCount: 4, receivedBytes: 28_000_000, totalBytes: 67_000_000, percent: 41.8 });
    expect(bar.getAttribute('aria-valuenow')).toBe('41');
    expect(bar.getAttribute('aria-valuetext')).toBe('41% — 26.7 MB of 63.9 MB (file 4 of 4: onnx/model_quantized.onnx)');
    expect(screen.getByRole('button', { name: 'Cancel download of DistilBERT SST-2' })).toBeTruthy();

    fake.emit(
      'models:changed',
      overview({ downloads: [{ modelId: 'distilbert-sst2', state: 'failed', progress: null, error: 'checksum mismatch for onnx/model.onnx (sha256 0a1b…, expected 9f8e…)' }] }),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Download failed: checksum mismatch for onnx/model.onnx (sha256 0a1b…, expected 9f8e…) — the built-in model stays in use');
    expect(screen.getByRole('button', { name: 'Download DistilBERT SST-2' }).textContent).toBe('Try again');
  });

  it('switches a task to another model, and shows why the built-in model took over when it did not load', async () => {
    const fake = mount();
    const user = setupUser();
    fake.answers['models:use'] = () => {
      const next = overview();
      next.tasks.sentiment.fallbackReason = 'it-sentiment could not be loaded (model it-sentiment failed to load: protobuf parsing failed); the built-in model stays in use';
      return next;
    };
    await user.click(await screen.findByRole('button', { name: 'Use it-sentiment' }));
    expect(fake.calls.filter((c) => c.method === 'models:use').map((c) => c.args)).toEqual([{ task: 'sentiment', modelId: 'it-sentiment' }]);
    expect(await screen.findByText(/it-sentiment could not be loaded \(model it-sentiment failed to load: protobuf parsing failed\); the built-in model stays in use/)).toBeTruthy();

    // A successful switch: the new model is in use, the built-in one can be chosen again.
    const switched = overview();
    switched.tasks.sentiment = { selected: 'it-sentiment', status: { model: 'it-sentiment', state: 'ready', loadMs: 80 } };
    fake.emit('models:changed', switched);
    const sentiment = screen.getByRole('group', { name: 'Sentiment' });
    expect(within(sentiment).getByText('it-sentiment', { selector: 'strong' })).toBeTruthy();
    expect(within(sentiment).getByRole('button', { name: 'Use baton-sentiment-mini (built in)' })).toBeTruthy();
  });

  it('says sentiment is unavailable and why, rather than showing a state it was not told', async () => {
    const broken = overview();
    broken.tasks.sentiment = { selected: 'baton-sentiment-mini', status: { model: 'baton-sentiment-mini', state: 'unavailable', reason: 'model folder /opt/baton/models/baton-sentiment-mini lacks onnx/model.onnx' } };
    mount(broken);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Sentiment is unavailable: model folder /opt/baton/models/baton-sentiment-mini lacks onnx/model.onnx');
  });

  it('shows a failed command in words', async () => {
    const fake = mount();
    const user = setupUser();
    fake.answers['models:download'] = () => {
      throw new BatonError('not_found', 'distilbert-sst2 is not in the model catalog');
    };
    await user.click(await screen.findByRole('button', { name: 'Download DistilBERT SST-2' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('distilbert-sst2 could not be downloaded: distilbert-sst2 is not in the model catalog'));
  });
});
