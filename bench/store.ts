// Local store benchmarks (issue 4): note save latency (durable commit, synchronous=FULL, with the
// NORMAL setting as the in-run baseline), FTS search latency over 100,000 notes (and, when the store
// opens, the time until it serves, the time until its in-memory index is rebuilt from the encrypted
// rows in the background, and the longest a request waits behind one rebuild batch), and the time to
// drain 10,000 queued changes to a hub on loopback through the real hub link.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createHub } from '../hub/index';
import { silentLog } from '../hub/hub-log';
import { HubLink } from '../main/services/hub-link/hub-link';
import { LocalStore, type LocalStoreOptions } from '../main/services/store/local-store';
import { NotesService } from '../main/services/store/notes-service';
import { OutboxSync } from '../main/services/sync/outbox-sync';
import { hubLinkSyncTransport } from '../main/services/sync/sync-transport';
import { benchSize, entry, nowMs, percentile, type BenchEntry, type BenchSuite } from './bench-entry';

const WORDS = (
  'refund invoice charged twice subscription annual plan delivery parcel delayed courier address ' +
  'password reset login account locked email phone callback escalate supervisor discount voucher ' +
  'warranty replacement broken screen battery charger order cancel return label customs tracking ' +
  'premium upgrade downgrade billing cycle prorated credit card expired bank transfer receipt vat'
).split(' ');

/** A support-desk vocabulary: the domain words above plus 5,000 made-up ones, drawn Zipf-like (a few common, most rare). */
const VOCABULARY = [...WORDS, ...Array.from({ length: 5_000 }, (_, i) => `w${(i * 7919).toString(36)}x`)];

function word(random: () => number): string {
  return VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(VOCABULARY.length * random() ** 3))]!;
}

function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => word(random)).join(' ');
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// Filling 100,000 notes leaves the heap with a collection to pay; paid before each timed open, so the
// figures are the store's, not the fill's (a real start opens the store in a fresh process).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function tempStore(synchronous: 'FULL' | 'NORMAL') {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-store-'));
  const key = randomBytes(32);
  const path = join(dir, 'store.sqlite');
  const open = (options: Pick<LocalStoreOptions, 'indexBatchSize' | 'indexBatchMs'> = {}) => LocalStore.open({ path, keyProvider: { getKey: async () => key }, synchronous, ...options });
  return { dir, open, store: await open(), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function measureNoteSave(count: number, synchronous: 'FULL' | 'NORMAL'): Promise<number[]> {
  const temp = await tempStore(synchronous);
  try {
    const notes = new NotesService(temp.store, { authorId: () => 'bench' });
    const random = seeded(7);
    const sample: number[] = [];
    for (let i = 0; i < count; i++) {
      const body = sentence(random, 40);
      const started = nowMs();
      notes.create({ kind: 'customer', customerId: `c-${i % 100}` }, body);
      sample.push(nowMs() - started);
    }
    return sample;
  } finally {
    temp.store.dispose();
    temp.remove();
  }
}

export interface SearchFigures {
  notes: number;
  searchMs: number[];
  /** Store open until it serves requests (the search index is then built in the background). */
  openMs: number;
  /** Store open until the search index is complete. */
  indexedMs: number;
  /** The event loop's turns during the build: how long a request may wait behind a batch. */
  stallMs: number[];
  /** In-run baseline: the whole rebuild as one batch (one transaction, nothing served meanwhile), as the store did before. */
  oneBatchMs: number;
  hitsPerQuery: number;
}

/** Times each turn of the event loop until `done` settles: the longest turn is the longest a request waits. */
async function turnsUntil(done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.then(() => (finished = true));
  const turns: number[] = [];
  let last = nowMs();
  while (!finished) {
    await new Promise((resolve) => setImmediate(resolve));
    const now = nowMs();
    turns.push(now - last);
    last = now;
  }
  return turns;
}

export async function measureSearch(noteCount: number, queries: number): Promise<SearchFigures> {
  const temp = await tempStore('NORMAL');
  try {
    const random = seeded(11);
    const { store } = temp;
    const now = new Date().toISOString();
    for (let start = 0; start < noteCount; start += 2_000) {
      store.transaction('bench.fill', () => {
        for (let i = start; i < Math.min(noteCount, start + 2_000); i++) {
          store.notes.insert({ id: `n-${i}`, subject: { kind: 'customer', customerId: `c-${i % 5_000}` }, body: sentence(random, 20 + (i % 40)), authorId: 'bench', createdAt: now, updatedAt: now });
        }
      });
    }
    store.dispose();
    collectGarbage();
    const reopenStarted = nowMs();
    temp.store = await temp.open();
    const openMs = nowMs() - reopenStarted;
    const stallMs = await turnsUntil(temp.store.indexing.finished);
    const indexedMs = nowMs() - reopenStarted;
    if ((await temp.store.indexing.finished) !== 'built') throw new Error('the search index build did not finish');
    temp.store.dispose();
    collectGarbage();
    const oneBatchStarted = nowMs();
    temp.store = await temp.open({ indexBatchSize: Number.MAX_SAFE_INTEGER, indexBatchMs: Infinity });
    if ((await temp.store.indexing.finished) !== 'built') throw new Error('the one-batch index build did not finish');
    const oneBatchMs = nowMs() - oneBatchStarted;
    const searchMs: number[] = [];
    let hits = 0;
    for (let q = 0; q < queries; q++) {
      // Two words as an agent types them: the second still being typed (a prefix).
      const query = `${word(random)} ${word(random).slice(0, 4)}`;
      const started = nowMs();
      hits += temp.store.notes.search(query, 50).length;
      searchMs.push(nowMs() - started);
    }
    return { notes: noteCount, searchMs, openMs, indexedMs, stallMs, oneBatchMs, hitsPerQuery: hits / queries };
  } finally {
    temp.store.dispose();
    temp.remove();
  }
}

export async function measureDrain(changes: number): Promise<{ changes: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-bench-drain-'));
  const token = 'bench-token-0123456789abcdef';
  const hub = await createHub({
    port: 0,
    dbPath: join(dir, 'hub.sqlite'),
    secret: 'bench-secret-0123456789',
    log: silentLog,
    agents: [{ id: 'ann', name: 'Ann', role: 'agent', token }],
  });
  const temp = await tempStore('NORMAL');
  const link = new HubLink({ url: hub.url, token });
  const sync = new OutboxSync({ store: temp.store, transport: hubLinkSyncTransport(link) });
  try {
    const notes = new NotesService(temp.store, { authorId: () => 'ann' });
    const random = seeded(3);
    const created: string[] = [];
    for (let i = 0; i < changes; i++) {
      if (i % 4 === 3) notes.update(created[Math.floor(random() * created.length)]!, sentence(random, 30));
      else created.push(notes.create({ kind: 'customer', customerId: `c-${i % 100}` }, sentence(random, 30)).id);
    }
    const started = nowMs();
    link.start();
    await new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + 600_000;
      const poll = () => {
        if (sync.status().pending === 0) return resolve();
        if (Date.now() > deadline) return reject(new Error('drain did not finish in 10 minutes'));
        setTimeout(poll, 5);
      };
      poll();
    });
    return { changes, ms: nowMs() - started };
  } finally {
    sync.dispose();
    await link.stop();
    await sync.whenIdle();
    temp.store.dispose();
    temp.remove();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const localStoreSuite: BenchSuite = {
  name: 'local-store',
  async run(options): Promise<BenchEntry[]> {
    const { quick } = options;
    const saves = quick ? 30 : 500;
    const full = await measureNoteSave(saves, 'FULL');
    const normal = await measureNoteSave(saves, 'NORMAL');
    const search = await measureSearch(benchSize(options, 'fts-notes', 3_000), quick ? 30 : 500);
    const drain = await measureDrain(benchSize(options, 'drain-changes', 400));
    const n = search.notes.toLocaleString('en');
    return [
      entry('note save p50 (synchronous=FULL)', 'ms', percentile(full, 50), { name: 'synchronous=NORMAL', value: percentile(normal, 50) }),
      entry('note save p99 (synchronous=FULL)', 'ms', percentile(full, 99), { name: 'synchronous=NORMAL', value: percentile(normal, 99) }),
      entry(`notes FTS search p50 over ${n} notes`, 'ms', percentile(search.searchMs, 50)),
      entry(`notes FTS search p99 over ${n} notes`, 'ms', percentile(search.searchMs, 99)),
      entry(`store open until serving, ${n} encrypted notes`, 'ms', search.openMs, { name: 'open with the rebuild as one blocking transaction (before)', value: search.oneBatchMs }),
      entry(`store open until the search index is built, ${n} encrypted notes`, 'ms', search.indexedMs, { name: 'the rebuild as one blocking transaction', value: search.oneBatchMs }),
      entry(`longest event-loop turn while the index builds, ${n} notes`, 'ms', Math.max(...search.stallMs), { name: 'the rebuild as one blocking transaction', value: search.oneBatchMs }),
      entry(`drain ${drain.changes.toLocaleString('en')} queued changes to a loopback hub`, 's', drain.ms / 1000),
      entry('drain throughput', 'changes/s', drain.changes / (drain.ms / 1000)),
    ];
  },
};
