// `npm run bench -- --load`: how cost grows with load. The same measurements as the main suites,
// repeated at 3–4 load levels, each level next to a baseline from the same run (writes
// bench/load.json, the same shape as results.json). Levels are parameters: `--levels` picks one
// suite's levels, e.g. `--levels offer=50,200,1000,2000`.
import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { handoffRequest } from '../hub/testing/handoff-requests';
import { postSigned } from '../hub/testing/signed-post';
import { connectTestAgent, type TestAgent } from '../hub/testing/test-agent';
import { makeTempDir } from '../hub/testing/temp-dir';
import { entry, nowMs, percentile, type BenchEntry, type BenchOptions, type BenchSuite } from './bench-entry';
import { seedAgents, startHubChild } from './faults/hub-process';
import { measureBareFanOut, measureHubFanOut } from './fan-out';
import { hubThroughput, rawInsertThroughput } from './ingest-throughput';
import { ALL_SKILLS, measureBareRelay } from './offer-latency';
import { measureSearch } from './store';

/** Load levels per suite: full and quick. */
export const DEFAULT_LEVELS: Record<string, { full: number[]; quick: number[] }> = {
  offer: { full: [50, 200, 1_000, 2_000], quick: [5, 20] },
  ingest: { full: [1, 4, 16], quick: [1, 4] },
  fanout: { full: [100, 500, 1_000], quick: [20, 50] },
  fts: { full: [1_000, 10_000, 100_000], quick: [300, 1_000] },
};

export type LoadLevels = Partial<Record<keyof typeof DEFAULT_LEVELS, number[]>>;

function levelsOf(suite: string, options: BenchOptions): number[] {
  return options.levels?.[suite] ?? (options.quick ? DEFAULT_LEVELS[suite]!.quick : DEFAULT_LEVELS[suite]!.full);
}

/** Parses `offer=50,200;fts=1000` (also repeated flags joined by ';'). */
export function parseLevels(text: string): LoadLevels {
  const levels: LoadLevels = {};
  for (const part of text.split(/[;\s]+/).filter(Boolean)) {
    const [name, list] = part.split('=');
    if (!name || !list || !(name in DEFAULT_LEVELS)) throw new Error(`--levels: expected one of ${Object.keys(DEFAULT_LEVELS).join(', ')} as name=N,N,…; got "${part}"`);
    const values = list.split(',').map(Number);
    if (values.some((v) => !Number.isInteger(v) || v <= 0)) throw new Error(`--levels ${name}: levels must be positive integers; got "${list}"`);
    levels[name] = values;
  }
  return levels;
}

const MIB = 2 ** 20;

/**
 * The hub as its own process (bench/faults/hub-child.ts, what `npm run hub` runs), so its resident
 * memory is the hub's alone; N agents connected; then POST → offer frame, one at a time.
 */
async function offerLatencyAt(agentCount: number, samples: number): Promise<{ latencies: number[]; idleRss: number; connectedRss: number; afterRss: number }> {
  const dir = makeTempDir('baton-bench-load-offer-');
  const secret = randomBytes(16).toString('hex');
  const agents = Array.from({ length: agentCount }, (_, i) => ({ id: `a${i}`, role: 'agent' as const, skills: ALL_SKILLS, capacity: 50, token: `tok-${i}-${secret}` }));
  seedAgents(dir.file('hub.sqlite'), agents);
  const hub = await startHubChild({ dbPath: dir.file('hub.sqlite'), secret, offerTimeoutMs: 3_600_000 });
  const links: TestAgent[] = [];
  try {
    await new Promise((r) => setTimeout(r, 500));
    const idleRss = hub.rssBytes();
    for (let i = 0; i < agentCount; i += 50) {
      links.push(...(await Promise.all(agents.slice(i, i + 50).map((a) => connectTestAgent(hub.wsUrl, a.token, { timeoutMs: 30_000 })))));
    }
    await new Promise((r) => setTimeout(r, 500));
    const connectedRss = hub.rssBytes();
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const body = handoffRequest();
      const seen = new Promise<number>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          if (!data.toString().includes(body.conversation.externalId)) return;
          for (const link of links) link.socket.off('message', onMessage);
          resolve(nowMs());
        };
        for (const link of links) link.socket.on('message', onMessage);
      });
      const started = nowMs();
      const answer = await postSigned(hub.url, '/api/v1/handoffs', body, { secret });
      if (answer.status !== 202) throw new Error(`hub answered ${answer.status}: ${answer.text}`);
      latencies.push((await seen) - started);
    }
    return { latencies, idleRss, connectedRss, afterRss: hub.rssBytes() };
  } finally {
    await Promise.all(links.map((link) => link.close()));
    await hub.stop();
    dir.remove();
  }
}

export const offerLoadSuite: BenchSuite = {
  name: 'load: offer latency',
  async run(options) {
    const samples = options.quick ? 10 : 100;
    const bare = await measureBareRelay(samples);
    const entries: BenchEntry[] = [];
    for (const agents of levelsOf('offer', options)) {
      const f = await offerLatencyAt(agents, samples);
      entries.push(
        entry(`load_offer_latency_p50_${agents}_agents`, 'ms', percentile(f.latencies, 50), { name: 'bare ws relay p50', value: percentile(bare, 50) }),
        entry(`load_offer_latency_p99_${agents}_agents`, 'ms', percentile(f.latencies, 99), { name: 'bare ws relay p99', value: percentile(bare, 99) }),
        entry(`load_hub_rss_${agents}_agents`, 'MiB', f.afterRss / MIB, { name: 'the same hub process before any agent connected', value: f.idleRss / MIB }),
        entry(`load_hub_rss_per_agent_${agents}_agents`, 'KiB', (f.connectedRss - f.idleRss) / agents / 1024),
      );
    }
    return entries;
  },
};

export const ingestLoadSuite: BenchSuite = {
  name: 'load: ingest throughput',
  async run(options) {
    const count = options.quick ? 60 : 1_000;
    const raw = rawInsertThroughput(count);
    const entries: BenchEntry[] = [];
    for (const senders of levelsOf('ingest', options)) {
      entries.push(
        entry(`load_ingest_throughput_${senders}_senders`, 'handoffs/s', await hubThroughput(count, senders), { name: 'raw better-sqlite3 inserts (WAL, synchronous=FULL)', value: raw }),
      );
    }
    return entries;
  },
};

export const fanOutLoadSuite: BenchSuite = {
  name: 'load: fan-out',
  async run(options) {
    const updates = options.quick ? 3 : 15;
    const entries: BenchEntry[] = [];
    for (const connections of levelsOf('fanout', options)) {
      const bare = await measureBareFanOut(connections, updates);
      const hub = await measureHubFanOut(connections, updates);
      entries.push(
        entry(`load_fanout_broadcast_p50_${connections}`, 'ms', percentile(hub.lastArrivalMs, 50), { name: `bare ws send to ${connections} sockets p50`, value: percentile(bare.lastArrivalMs, 50) }),
        entry(`load_fanout_broadcast_p99_${connections}`, 'ms', percentile(hub.lastArrivalMs, 99), { name: `bare ws send to ${connections} sockets p99`, value: percentile(bare.lastArrivalMs, 99) }),
        entry(`load_fanout_memory_per_connection_${connections}`, 'KiB', hub.bytesPerConnection / 1024, { name: 'bare ws connection', value: bare.bytesPerConnection / 1024 }),
      );
    }
    return entries;
  },
};

export const ftsLoadSuite: BenchSuite = {
  name: 'load: notes FTS',
  async run(options) {
    const queries = options.quick ? 20 : 300;
    const entries: BenchEntry[] = [];
    for (const notes of levelsOf('fts', options)) {
      const f = await measureSearch(notes, queries);
      entries.push(
        entry(`load_notes_fts_p50_${notes}_notes`, 'ms', percentile(f.searchMs, 50)),
        entry(`load_notes_fts_p99_${notes}_notes`, 'ms', percentile(f.searchMs, 99)),
        entry(`load_notes_store_open_${notes}_notes`, 'ms', f.openMs, { name: 'open with the rebuild as one blocking transaction (before)', value: f.oneBatchMs }),
        entry(`load_notes_index_built_${notes}_notes`, 'ms', f.indexedMs, { name: 'the rebuild as one blocking transaction', value: f.oneBatchMs }),
        entry(`load_notes_index_build_longest_turn_${notes}_notes`, 'ms', Math.max(...f.stallMs), { name: 'the rebuild as one blocking transaction', value: f.oneBatchMs }),
      );
    }
    return entries;
  },
};

export const LOAD_SUITES: BenchSuite[] = [offerLoadSuite, ingestLoadSuite, fanOutLoadSuite, ftsLoadSuite];
