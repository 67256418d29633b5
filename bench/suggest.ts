// Reply-suggestion speed with a 5,000-reply library: embedding the whole library once (cold
// start), then per-request latency (embed the customer message in the worker + rank + fill) and
// the pure ranking step alone. `npm run bench` calls suggestSuite.
import { performance } from 'node:perf_hooks';
import { WorkerIntelligenceService } from '../main/services/intelligence/intelligence-service';
import { handoffFixture } from '../main/services/intelligence/handoff-fixture';
import { builtInModelsDir } from '../main/services/intelligence/models-dir';
import { defaultReplyLibrary, type ReplyMacro } from '../main/services/intelligence/reply-library';
import { rankReplies } from '../main/services/intelligence/reply-ranker';
import { ReplySuggester } from '../main/services/intelligence/reply-suggester';
import { InMemoryReplyUsage } from '../main/services/intelligence/reply-usage';
import { entry, percentile, type BenchSuite } from './bench-entry';

const QUERIES = [
  'I returned the shoes two weeks ago and still no refund',
  'my parcel is late again',
  'I cannot sign in to the app',
  'you charged my card twice',
  'please cancel my plan',
  'the app crashes when I open it',
];

/** A library of `size` replies: the defaults, then variants of them with their own ids. */
export function syntheticLibrary(size: number): ReplyMacro[] {
  const base = defaultReplyLibrary();
  return Array.from({ length: size }, (_, i) => {
    const m = base[i % base.length]!;
    const v = Math.floor(i / base.length);
    return v === 0 ? m : { ...m, id: `${m.id}-v${v}`, title: `${m.title} (${v})`, examples: m.examples.map((e) => `${e} ${v % 7 === 0 ? 'please' : v % 7 === 1 ? 'today' : 'now'}`).slice(0, 3) };
  });
}

export interface SuggestFigures {
  replies: number;
  prepareMs: number;
  requestP50Ms: number;
  requestP99Ms: number;
  rankOnlyP50Ms: number;
  rankOnlyP99Ms: number;
  /** CPU time per ranking (user + system): on a busy machine wall time mostly measures waiting. */
  rankOnlyCpuMs: number;
  /** Getting the library ready again after the team edited one macro's examples (only that one is re-embedded). */
  reembedOneMs: number;
}

export async function measureSuggest(options: { replies: number; requests: number; modelsDir?: string }): Promise<SuggestFigures> {
  const service = new WorkerIntelligenceService({ modelsDir: options.modelsDir ?? builtInModelsDir(), requestTimeoutMs: 120_000 });
  try {
    const suggester = new ReplySuggester((t) => service.embed(t), syntheticLibrary(options.replies), new InMemoryReplyUsage());
    await service.warmUp('embeddings');
    const t0 = performance.now();
    const candidates = await suggester.prepare();
    const prepareMs = performance.now() - t0;
    const requestMs: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const handoff = handoffFixture({ messages: [{ author: 'customer', text: QUERIES[i % QUERIES.length]! }] });
      const s = performance.now();
      await suggester.suggest(handoff, 'Sam');
      requestMs.push(performance.now() - s);
    }
    const [vector] = await service.embed([QUERIES[0]!]);
    const rankMs: number[] = [];
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < options.requests; i++) {
      const s = performance.now();
      rankReplies({ vector: vector!, intent: 'refund' }, candidates);
      rankMs.push(performance.now() - s);
    }
    const cpu = process.cpuUsage(cpuStart);
    const rankOnlyCpuMs = (cpu.user + cpu.system) / 1000 / options.requests;
    const edited = [...suggester.getLibrary()];
    edited[0] = { ...edited[0]!, examples: [...edited[0]!.examples, 'a phrasing the team added today'] };
    suggester.setLibrary(edited);
    const r0 = performance.now();
    await suggester.prepare();
    const reembedOneMs = performance.now() - r0;
    return {
      replies: options.replies,
      prepareMs,
      requestP50Ms: percentile(requestMs, 50),
      requestP99Ms: percentile(requestMs, 99),
      rankOnlyP50Ms: percentile(rankMs, 50),
      rankOnlyP99Ms: percentile(rankMs, 99),
      rankOnlyCpuMs,
      reembedOneMs,
    };
  } finally {
    await service.dispose();
  }
}

export const suggestSuite: BenchSuite = {
  name: 'suggest',
  run: async ({ quick }) => {
    const f = await measureSuggest({ replies: quick ? 500 : 5_000, requests: quick ? 20 : 200 });
    return [
      entry(`suggest: embed ${f.replies}-reply library (once)`, 'ms', f.prepareMs),
      entry(`suggest: request p50, ${f.replies} replies`, 'ms', f.requestP50Ms),
      entry(`suggest: request p99, ${f.replies} replies`, 'ms', f.requestP99Ms),
      entry(`suggest: ranking only p50, ${f.replies} replies`, 'ms', f.rankOnlyP50Ms),
      entry(`suggest: ranking only p99, ${f.replies} replies`, 'ms', f.rankOnlyP99Ms),
      entry(`suggest: ranking only, CPU time, ${f.replies} replies`, 'ms', f.rankOnlyCpuMs),
      entry(`suggest: ready again after one macro edited, ${f.replies} replies`, 'ms', f.reembedOneMs),
    ];
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await measureSuggest({ replies: Number(process.argv[2] ?? 5_000), requests: 200 }), null, 2));
}
