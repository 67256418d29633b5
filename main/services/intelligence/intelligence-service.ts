// The desktop's on-device intelligence: sentiment scores and sentence embeddings from the built-in
// (or IT-supplied) models, computed in a worker thread so the main process never blocks. A crashed
// or hung worker is detected (exit event / per-request timeout), terminated and replaced on the
// next request; callers get a clear 'unavailable' error, never made-up scores.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { systemClock, type Clock, type TimerHandle } from '../../../shared/clock';
import type { Sentiment } from '../../../shared/domain';
import type { IntelligenceStatus, ModelStatus } from '../../../shared/intelligence';
import { DisposableStore, toDisposable, type Disposable } from '../../../shared/lifecycle';
import { BatonError } from '../../../shared/result';
import { folderSpec, THREE_CLASS_LABELS, type ModelSpec } from './model-spec';

export const DEFAULT_SENTIMENT_MODEL = 'baton-sentiment-mini';
export const DEFAULT_EMBEDDING_MODEL = 'baton-embed-mini';
export type ModelKind = 'sentiment' | 'embeddings';

export interface IntelligenceServiceOptions {
  /** Folder holding one sub-folder per model (config.json, tokenizer.json, onnx/model.onnx). */
  modelsDir: string;
  /** Folder names under modelsDir, loaded as fp32 with negative/neutral/positive labels… */
  sentimentModel?: string;
  embeddingModel?: string;
  /** …or full specs (any folder, dtype, label mapping); these win over the names. */
  sentimentSpec?: ModelSpec;
  embeddingSpec?: ModelSpec;
  clock?: Clock;
  /** A request not answered within this time counts as a hung worker. Model loading is included. */
  requestTimeoutMs?: number;
  /** Where model-worker.mjs lives; the bundled app passes the copy next to its main script. */
  workerUrl?: URL;
  /** Tests only: lets the worker accept 'crash' and 'hang' requests. */
  faultInjection?: boolean;
}

export interface IntelligenceService extends Disposable {
  status(): IntelligenceStatus;
  scoreSentiment(texts: readonly string[]): Promise<Sentiment[]>;
  embed(texts: readonly string[]): Promise<number[][]>;
  /** Starts loading a model now rather than on first use. */
  warmUp(kind: ModelKind): Promise<void>;
  /** The models in use; a changed one is loaded on next use (or warmUp), the other stays loaded. */
  models(): Readonly<Record<ModelKind, ModelSpec>>;
  /** Switches models without restarting the worker: requests already running finish on the old one. */
  setModels(next: Partial<Record<ModelKind, ModelSpec>>): void;
  onStatusChanged(listener: (status: IntelligenceStatus) => void): Disposable;
}

const WorkerReply = z.union([
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
  z.object({
    event: z.literal('model'),
    kind: z.enum(['sentiment', 'embeddings']),
    model: z.string(),
    state: z.enum(['loading', 'ready', 'unavailable']),
    reason: z.string().optional(),
    loadMs: z.number().optional(),
  }),
]);

const SentimentResults = z.array(
  z.object({ label: z.enum(['negative', 'neutral', 'positive']), score: z.number().min(-1).max(1), model: z.string().max(200).optional() }),
);
const EmbeddingResults = z.array(z.array(z.number()));

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: TimerHandle;
}

export class WorkerIntelligenceService implements IntelligenceService {
  private readonly store = new DisposableStore();
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly workerUrl: URL;
  private readonly specs: Record<ModelKind, ModelSpec>;
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly modelStatus: Record<ModelKind, ModelStatus>;
  private restarts = 0;
  private lastError: string | undefined;
  private readonly listeners = new Set<(status: IntelligenceStatus) => void>();

  constructor(private readonly options: IntelligenceServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.workerUrl = options.workerUrl ?? new URL('./model-worker.mjs', import.meta.url);
    this.specs = {
      sentiment: options.sentimentSpec ?? folderSpec(options.modelsDir, options.sentimentModel ?? DEFAULT_SENTIMENT_MODEL, THREE_CLASS_LABELS),
      embeddings: options.embeddingSpec ?? folderSpec(options.modelsDir, options.embeddingModel ?? DEFAULT_EMBEDDING_MODEL, undefined),
    };
    this.modelStatus = {
      sentiment: { model: this.specs.sentiment.id, state: 'not_loaded' },
      embeddings: { model: this.specs.embeddings.id, state: 'not_loaded' },
    };
    this.store.add(toDisposable(() => this.stopWorker(new BatonError('unavailable', 'the intelligence service is shutting down'))));
  }

  status(): IntelligenceStatus {
    return {
      sentiment: { ...this.modelStatus.sentiment },
      embeddings: { ...this.modelStatus.embeddings },
      worker: { running: this.worker !== null, restarts: this.restarts, ...(this.lastError ? { lastError: this.lastError } : {}) },
    };
  }

  onStatusChanged(listener: (status: IntelligenceStatus) => void): Disposable {
    this.listeners.add(listener);
    return toDisposable(() => void this.listeners.delete(listener));
  }

  async scoreSentiment(texts: readonly string[]): Promise<Sentiment[]> {
    if (texts.length === 0) return [];
    const raw = await this.request('sentiment', { op: 'sentiment', texts: [...texts] });
    const parsed = SentimentResults.safeParse(raw);
    if (!parsed.success || parsed.data.length !== texts.length) throw new BatonError('internal', 'the sentiment model returned an unexpected shape');
    return parsed.data.map((r) => ({ label: r.label, score: r.score, source: r.model ?? this.specs.sentiment.id }));
  }

  async embed(texts: readonly string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const raw = await this.request('embeddings', { op: 'embed', texts: [...texts] });
    const parsed = EmbeddingResults.safeParse(raw);
    if (!parsed.success || parsed.data.length !== texts.length) throw new BatonError('internal', 'the embedding model returned an unexpected shape');
    return parsed.data;
  }

  async warmUp(kind: ModelKind): Promise<void> {
    await this.request(kind, { op: 'load', kind });
  }

  models(): Readonly<Record<ModelKind, ModelSpec>> {
    return { sentiment: { ...this.specs.sentiment }, embeddings: { ...this.specs.embeddings } };
  }

  setModels(next: Partial<Record<ModelKind, ModelSpec>>): void {
    let changed = false;
    for (const kind of ['sentiment', 'embeddings'] as const) {
      const spec = next[kind];
      if (!spec || JSON.stringify(spec) === JSON.stringify(this.specs[kind])) continue;
      this.specs[kind] = { ...spec };
      // A new model gets a fresh verdict: an 'unavailable' one for the old model does not carry over.
      this.modelStatus[kind] = { model: spec.id, state: 'not_loaded' };
      changed = true;
    }
    if (!changed) return;
    this.worker?.postMessage({ op: 'configure', models: this.specs });
    this.emitStatus();
  }

  /** Tests only (needs faultInjection): makes the worker exit or spin forever. */
  async injectFault(fault: 'crash' | 'hang'): Promise<void> {
    await this.request(null, { op: fault });
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
    await this.store.dispose();
  }

  private request(kind: ModelKind | null, message: Record<string, unknown>): Promise<unknown> {
    if (this.store.isDisposed) return Promise.reject(new BatonError('unavailable', 'the intelligence service has been shut down'));
    if (kind && this.modelStatus[kind].state === 'unavailable') {
      return Promise.reject(new BatonError('unavailable', `${kind} is unavailable: ${this.modelStatus[kind].reason ?? 'the model did not load'}`));
    }
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = this.clock.setTimeout(() => this.onHang(id), this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, ...message });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl, {
      workerData: { models: this.specs, faultInjection: this.options.faultInjection === true },
    });
    worker.unref();
    worker.on('message', (raw: unknown) => this.onMessage(raw));
    worker.on('error', (error) => this.onWorkerGone(worker, `the model worker crashed: ${error.message}`));
    worker.on('exit', (code) => this.onWorkerGone(worker, `the model worker exited unexpectedly (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private onMessage(raw: unknown): void {
    const parsed = WorkerReply.safeParse(raw);
    if (!parsed.success) {
      this.lastError = 'the model worker sent a malformed message';
      return;
    }
    const msg = parsed.data;
    if ('event' in msg) {
      // A model switched away from may still report its load finishing: that is old news.
      if (msg.model !== this.specs[msg.kind].id) return;
      const status: ModelStatus = { model: msg.model, state: msg.state };
      if (msg.reason) status.reason = msg.reason;
      if (msg.loadMs !== undefined) status.loadMs = msg.loadMs;
      this.modelStatus[msg.kind] = status;
      this.emitStatus();
      return;
    }
    const pending = this.pending.get(msg.id);
    if (!pending) return;
    this.pending.delete(msg.id);
    this.clock.clearTimeout(pending.timer);
    if (msg.ok) pending.resolve(msg.result);
    else pending.reject(new BatonError(msg.error.code === 'model_unavailable' ? 'unavailable' : 'internal', msg.error.message));
  }

  private onHang(id: number): void {
    if (!this.pending.has(id)) return;
    this.restarts++;
    this.lastError = `the model worker did not answer within ${this.timeoutMs} ms; it was restarted`;
    this.stopWorker(new BatonError('unavailable', this.lastError));
    this.emitStatus();
  }

  private onWorkerGone(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.restarts++;
    this.lastError = `${reason}; it will be restarted on the next request`;
    this.resetLoadedModels();
    this.failPending(new BatonError('unavailable', this.lastError));
    this.emitStatus();
  }

  private stopWorker(error: BatonError): void {
    const worker = this.worker;
    this.worker = null;
    this.resetLoadedModels();
    this.failPending(error);
    if (worker) void worker.terminate();
  }

  /** A fresh worker reloads its models; an 'unavailable' verdict stays (the files did not change). */
  private resetLoadedModels(): void {
    for (const kind of ['sentiment', 'embeddings'] as const) {
      if (this.modelStatus[kind].state !== 'unavailable') this.modelStatus[kind] = { model: this.specs[kind].id, state: 'not_loaded' };
    }
  }

  private failPending(error: Error): void {
    for (const [id, pending] of this.pending) {
      this.clock.clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error);
    }
  }

  private emitStatus(): void {
    const status = this.status();
    for (const listener of [...this.listeners]) listener(status);
  }
}
