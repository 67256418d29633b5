// Sentiment speed: per-message latency (p50/p99) and throughput of baton-sentiment-mini through
// the model worker (what the app does) and in-process, next to the VADER lexicon baseline, plus
// model load time. `npm run bench` calls sentimentSuite; measureSentiment returns the figures.
import { performance } from 'node:perf_hooks';
import { env, pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import vader from 'vader-sentiment';
import { WorkerIntelligenceService } from '../main/services/intelligence/intelligence-service';
import { builtInModelsDir } from '../main/services/intelligence/models-dir';
import { entry, percentile, type BenchSuite } from './bench-entry';

const MESSAGES = [
  'This is the third time I am asking and nobody has helped me. Unacceptable.',
  'Hi, I would like to check the status of my order 48213.',
  'Thanks, that fixed it!',
  'The package arrived broken and the box was soaking wet, really disappointed.',
  'Can I change the delivery address to my office?',
  'Wow that was fast, really appreciate your help today :)',
  'I have been on hold for an hour, this is ridiculous',
  'ok I will try that now',
];

export interface SentimentFigures {
  messages: number;
  loadMs: number;
  worker: { p50Us: number; p99Us: number; batchMessagesPerSec: number };
  inProcess: { p50Us: number; p99Us: number };
  vader: { p50Us: number; p99Us: number; messagesPerSec: number };
}

function sample(n: number): string[] {
  return Array.from({ length: n }, (_, i) => MESSAGES[i % MESSAGES.length]!);
}

export async function measureSentiment(options: { messages: number; modelsDir?: string }): Promise<SentimentFigures> {
  const modelsDir = options.modelsDir ?? builtInModelsDir();
  const texts = sample(options.messages);
  const service = new WorkerIntelligenceService({ modelsDir });
  try {
    const loadStart = performance.now();
    await service.warmUp('sentiment');
    const loadMs = performance.now() - loadStart;
    await service.scoreSentiment(texts.slice(0, 20));
    const workerUs: number[] = [];
    for (const text of texts) {
      const t0 = performance.now();
      await service.scoreSentiment([text]);
      workerUs.push((performance.now() - t0) * 1000);
    }
    const batchStart = performance.now();
    await service.scoreSentiment(texts);
    const batchMessagesPerSec = texts.length / ((performance.now() - batchStart) / 1000);

    env.allowRemoteModels = false;
    env.localModelPath = modelsDir + '/';
    const classify = (await pipeline('text-classification', 'baton-sentiment-mini')) as TextClassificationPipeline;
    for (const text of texts.slice(0, 20)) await classify(text);
    const inProcessUs: number[] = [];
    for (const text of texts) {
      const t0 = performance.now();
      await classify(text);
      inProcessUs.push((performance.now() - t0) * 1000);
    }
    await classify.dispose();

    const vaderUs: number[] = [];
    for (const text of texts) {
      const t0 = performance.now();
      vader.SentimentIntensityAnalyzer.polarity_scores(text);
      vaderUs.push((performance.now() - t0) * 1000);
    }
    const vaderTotalS = vaderUs.reduce((a, b) => a + b, 0) / 1e6;
    return {
      messages: texts.length,
      loadMs,
      worker: { p50Us: percentile(workerUs, 50), p99Us: percentile(workerUs, 99), batchMessagesPerSec },
      inProcess: { p50Us: percentile(inProcessUs, 50), p99Us: percentile(inProcessUs, 99) },
      vader: { p50Us: percentile(vaderUs, 50), p99Us: percentile(vaderUs, 99), messagesPerSec: texts.length / vaderTotalS },
    };
  } finally {
    await service.dispose();
  }
}

export const sentimentSuite: BenchSuite = {
  name: 'sentiment',
  run: async ({ quick }) => {
    const f = await measureSentiment({ messages: quick ? 200 : 5_000 });
    return [
      entry('sentiment: model load (worker, cold)', 'ms', f.loadMs),
      entry('sentiment: per message via worker, p50', 'µs', f.worker.p50Us, { name: 'vader p50', value: f.vader.p50Us }),
      entry('sentiment: per message via worker, p99', 'µs', f.worker.p99Us, { name: 'vader p99', value: f.vader.p99Us }),
      entry('sentiment: per message in-process, p50', 'µs', f.inProcess.p50Us),
      entry('sentiment: per message in-process, p99', 'µs', f.inProcess.p99Us),
      entry('sentiment: batch throughput via worker', 'messages/s', f.worker.batchMessagesPerSec, { name: 'vader', value: f.vader.messagesPerSec }),
    ];
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureSentiment({ messages: Number(process.argv[2] ?? 2_000) }), null, 2));
}
