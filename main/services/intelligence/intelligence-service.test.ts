import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { BatonError } from '../../../shared/result';
import { WorkerIntelligenceService } from './intelligence-service';
import { builtInModelsDir } from './models-dir';
import { inspectModelFolder } from './model-folder';
import { folderSpec } from './model-spec';

describe('WorkerIntelligenceService with the built-in models', () => {
  const clock = new ManualClock();
  let service: WorkerIntelligenceService;

  beforeAll(() => {
    service = new WorkerIntelligenceService({ modelsDir: builtInModelsDir(), clock, requestTimeoutMs: 60_000, faultInjection: true });
  });
  afterAll(async () => {
    await service.dispose();
  });

  it('scores an angry support message negative and a thank-you positive', async () => {
    const [angry, thanks, neutral] = await service.scoreSentiment([
      'This is the third time I am asking and nobody helps me. Your service is terrible and I am furious!',
      'thanks, that fixed it!',
      'What are your opening hours on Saturday?',
    ]);
    expect(angry).toMatchObject({ label: 'negative', source: 'baton-sentiment-mini' });
    expect(angry!.score).toBeLessThan(-0.3);
    expect(thanks!.label).toBe('positive');
    expect(thanks!.score).toBeGreaterThan(0.3);
    expect(neutral!.score).toBeGreaterThan(angry!.score);
    expect(neutral!.score).toBeLessThan(thanks!.score);
    expect(service.status().sentiment.state).toBe('ready');
    expect(service.status().sentiment.loadMs).toBeGreaterThan(0);
  });

  it('embeds sentences as unit vectors where paraphrases are closer than unrelated requests', async () => {
    const [a, b, c] = await service.embed(['where is my refund', 'I still have not received my money back', 'I want to change my flight']);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
    expect(dot(a!, a!)).toBeCloseTo(1, 4);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!));
  });

  it('restarts the worker after a crash and keeps answering', async () => {
    const restartsBefore = service.status().worker.restarts;
    const crash = service.injectFault('crash');
    await expect(crash).rejects.toThrow(/exited unexpectedly/);
    await expect(crash).rejects.toBeInstanceOf(BatonError);
    expect(service.status().worker).toMatchObject({ running: false, restarts: restartsBefore + 1 });
    const [again] = await service.scoreSentiment(['I love this, thank you so much!']);
    expect(again!.label).toBe('positive');
    expect(service.status().worker.running).toBe(true);
  });

  it('detects a hung worker by its timeout, replaces it and keeps answering', async () => {
    const restartsBefore = service.status().worker.restarts;
    const hang = service.injectFault('hang');
    const settled = hang.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    clock.advance(60_000);
    expect(await settled).toMatch(/did not answer within 60000 ms/);
    expect(service.status().worker.restarts).toBe(restartsBefore + 1);
    const [again] = await service.scoreSentiment(['Worst experience ever, I want my money back.']);
    expect(again!.label).toBe('negative');
  });
});

describe('WorkerIntelligenceService without usable models', () => {
  let dir: string;
  let service: WorkerIntelligenceService;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-models-'));
    // A folder that looks like a model but holds a broken ONNX file.
    mkdirSync(join(dir, 'broken', 'onnx'), { recursive: true });
    writeFileSync(join(dir, 'broken', 'config.json'), '{"model_type":"bert"}');
    writeFileSync(join(dir, 'broken', 'tokenizer.json'), '{}');
    writeFileSync(join(dir, 'broken', 'tokenizer_config.json'), '{}');
    writeFileSync(join(dir, 'broken', 'onnx', 'model.onnx'), 'not an onnx file');
    service = new WorkerIntelligenceService({ modelsDir: dir, sentimentModel: 'missing-model', embeddingModel: 'broken', requestTimeoutMs: 30_000 });
  });
  afterAll(async () => {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says sentiment is unavailable and why, and never makes up scores', async () => {
    const changes: string[] = [];
    service.onStatusChanged((s) => changes.push(s.sentiment.state));
    await expect(service.scoreSentiment(['hello'])).rejects.toMatchObject({ code: 'unavailable' });
    const status = service.status();
    expect(status.sentiment.state).toBe('unavailable');
    expect(status.sentiment.reason).toMatch(/missing-model.*lacks config\.json/);
    expect(changes).toContain('unavailable');
    // Stays unavailable without another load attempt.
    await expect(service.scoreSentiment(['hello again'])).rejects.toThrow(/sentiment is unavailable/);
  });

  it('reports a model that fails to load', async () => {
    await expect(service.embed(['hello'])).rejects.toMatchObject({ code: 'unavailable' });
    expect(service.status().embeddings).toMatchObject({ state: 'unavailable', model: 'broken' });
    expect(service.status().embeddings.reason).toMatch(/failed to load/);
  });
});

describe('WorkerIntelligenceService switching models and mapping labels', () => {
  let dir: string;
  let service: WorkerIntelligenceService;
  const builtIn = builtInModelsDir();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-labels-'));
    // The built-in classifier relabelled as a 1/3/5-star model: same graph, other label names.
    cpSync(join(builtIn, 'baton-sentiment-mini'), join(dir, 'stars'), { recursive: true });
    const config = JSON.parse(readFileSync(join(builtIn, 'baton-sentiment-mini', 'config.json'), 'utf8'));
    writeFileSync(join(dir, 'stars', 'config.json'), JSON.stringify({ ...config, id2label: { 0: '1 star', 1: '3 stars', 2: '5 stars' } }));
    service = new WorkerIntelligenceService({ modelsDir: builtIn, requestTimeoutMs: 60_000, faultInjection: true });
  });
  afterAll(async () => {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const texts = ['This is the worst service ever, I am furious', 'thanks, that fixed it!'];

  it('switches the sentiment model in the running worker and maps star labels to the same scores', async () => {
    const before = await service.scoreSentiment(texts);
    const restarts = service.status().worker.restarts;
    const stars = inspectModelFolder(join(dir, 'stars'), 'stars', 'it-folder');
    expect(stars.spec?.labels?.values).toEqual({ '1 star': -1, '3 stars': 0, '5 stars': 1 });
    service.setModels({ sentiment: stars.spec! });
    expect(service.status().sentiment).toEqual({ model: 'stars', state: 'not_loaded' });
    const after = await service.scoreSentiment(texts);
    expect(after.map((s) => s.source)).toEqual(['stars', 'stars']);
    expect(after.map((s) => s.label)).toEqual(before.map((s) => s.label));
    after.forEach((s, i) => expect(s.score).toBeCloseTo(before[i]!.score, 5));
    // The embedding model was not touched and the worker was not restarted.
    expect(service.status().worker.restarts).toBe(restarts);
  });

  it('a worker restarted after a crash loads the model switched to, not the one it started with', async () => {
    expect(service.models().sentiment.id).toBe('stars');
    await expect(service.injectFault('crash')).rejects.toThrow(/exited unexpectedly/);
    const [again] = await service.scoreSentiment(['I love this, thank you so much!']);
    expect(again).toMatchObject({ label: 'positive', source: 'stars' });
  });

  it('calls a message neutral inside the neutral band, and refuses a mapping that misses a label', async () => {
    service.setModels({ sentiment: { ...folderSpec(builtIn, 'baton-sentiment-mini'), labels: { values: { negative: -1, neutral: 0, positive: 1 }, neutralBand: 1 } } });
    const banded = await service.scoreSentiment(texts);
    expect(banded.map((s) => s.label)).toEqual(['neutral', 'neutral']);
    expect(banded[0]!.score).toBeLessThan(-0.3);

    service.setModels({ sentiment: { ...folderSpec(builtIn, 'baton-sentiment-mini'), labels: { values: { negative: -1, positive: 1 }, neutralBand: 0 } } });
    await expect(service.warmUp('sentiment')).rejects.toThrow(/has labels \[negative, neutral, positive\], but its label mapping covers \[negative, positive\]/);
    expect(service.status().sentiment.state).toBe('unavailable');
    // Switching back clears the verdict: the next model gets its own chance.
    service.setModels({ sentiment: folderSpec(builtIn, 'baton-sentiment-mini') });
    expect((await service.scoreSentiment(['great, thanks']))[0]!.source).toBe('baton-sentiment-mini');
  });
});
