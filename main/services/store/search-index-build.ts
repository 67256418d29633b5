// Builds the in-memory search indexes from the sealed rows after the store opened, one batch at a
// time, yielding to the event loop between batches: with 100,000 notes the build takes seconds,
// and the services process must answer the agent meanwhile (docs/local-store.md, "Search").
//
// Each index is built in `seq` order up to the highest seq when the build started (its end). Rows
// at or below the build's mark are indexed and belong to the writers again; rows above the mark and
// up to the end are the build's: SearchIndex.put/remove leave them alone and the build reads them
// as committed when it gets there; rows above the end were written after the build started and are
// the writers' alone. So a note saved, edited or deleted during the build is indexed exactly once.
import type { Disposable } from '../../../shared/lifecycle';
import type { IndexName, SearchIndex } from './search-index';
import type { StoreDatabase } from './store-database';
import type { StoreLog } from './store-log';

/** Rows per batch at most: about 50 ms of work on this 2-core machine when it is not busy. */
export const DEFAULT_INDEX_BATCH_SIZE = 2_000;
/** What one batch should take at most: on a busy machine batches shrink so a request never waits long. */
export const DEFAULT_INDEX_BATCH_MS = 25;
/** On a loaded machine a batch overruns because the OS preempted it, not because it was big: keep some size. */
const MIN_BATCH_ROWS = 200;
/** The first batch runs cold (pages not cached, code not optimised): start small and let it grow. */
const FIRST_BATCH_ROWS = 250;

export interface IndexBatch {
  /** The highest seq read (the new mark); unchanged when nothing was read. */
  last: number;
  /** Rows read, deleted ones included. */
  read: number;
  /** Rows that could not be decrypted (logged, left out of the index). */
  unreadable: number;
}

/** One table feeding one index, read in seq order. */
export interface IndexSource {
  readonly index: IndexName;
  /** Rows of work one row stands for (a handoff carries its transcript), so batches stay short. */
  readonly weight?: number;
  /** The highest seq now (0 when empty) and how many rows there are up to it. */
  extent(): { end: number; total: number };
  /** Indexes the rows with after < seq <= end, in seq order, at most `limit` of them. */
  indexBatch(after: number, end: number, limit: number): IndexBatch;
}

/** What one table tells tableIndexSource: how to page its rows and what each row puts in the index. */
export interface TableIndexSpec<Row> {
  index: IndexName;
  weight?: number;
  searchIndex: SearchIndex;
  extent(): { end: number; total: number };
  /** The rows with after < seq <= end, in seq order, at most `limit`: read at once, so no cursor is open while the index is written. */
  page(after: number, end: number, limit: number): Row[];
  seqOf(row: Row): number;
  /** The row's indexed columns, or null for a row that is not indexed (a deleted note); throws when the row cannot be decrypted. */
  columnsOf(row: Row): string[] | null;
}

/** An IndexSource over one table: a row that cannot be decrypted is counted and left out, never fails the batch. */
export function tableIndexSource<Row>(spec: TableIndexSpec<Row>): IndexSource {
  return {
    index: spec.index,
    ...(spec.weight !== undefined ? { weight: spec.weight } : {}),
    extent: () => spec.extent(),
    indexBatch: (after, end, limit) => {
      const rows = spec.page(after, end, limit);
      let unreadable = 0;
      for (const row of rows) {
        let columns: string[] | null;
        try {
          columns = spec.columnsOf(row);
        } catch {
          unreadable++;
          continue;
        }
        if (columns) spec.searchIndex.add(spec.index, spec.seqOf(row), ...columns);
      }
      return { last: rows.length > 0 ? spec.seqOf(rows[rows.length - 1]!) : after, read: rows.length, unreadable };
    },
  };
}

/** How far one index is built: rows read out of the rows there were when the build started. */
export interface IndexingProgress {
  done: number;
  total: number;
}

export type BuildOutcome = 'built' | 'stopped' | 'failed';

export interface SearchIndexBuildOptions {
  log: StoreLog;
  /** Rows per batch at most (each batch is one transaction); default DEFAULT_INDEX_BATCH_SIZE. */
  batchSize?: number;
  /**
   * The time one batch should take; a slower batch makes the next ones smaller (down to 200 rows), a
   * quick one lets them grow back to `batchSize`. Default DEFAULT_INDEX_BATCH_MS; Infinity keeps every batch at `batchSize`.
   */
  batchMs?: number;
}

interface SourceState extends IndexingProgress {
  source: IndexSource;
  after: number;
  end: number;
  unreadable: number;
}

export class SearchIndexBuild implements Disposable {
  /** Settles once every index is built, the build was stopped (store closed) or it failed. */
  readonly finished: Promise<BuildOutcome>;
  private resolveFinished!: (outcome: BuildOutcome) => void;
  private readonly states: SourceState[];
  private readonly batchSize: number;
  private readonly batchMs: number;
  /** Rows for the next batch, adapted to batchMs (doubling from a small first batch while batches are quick). */
  private rows: number;
  private current = 0;
  /** The next batch, waiting behind every request already queued (setImmediate runs after I/O callbacks). */
  private pending: NodeJS.Immediate | null = null;
  private outcome: BuildOutcome | null = null;
  private started = 0;
  private elapsed: number | null = null;

  constructor(
    private readonly database: StoreDatabase,
    private readonly index: SearchIndex,
    sources: readonly IndexSource[],
    private readonly options: SearchIndexBuildOptions,
  ) {
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_INDEX_BATCH_SIZE));
    this.batchMs = options.batchMs ?? DEFAULT_INDEX_BATCH_MS;
    this.rows = Number.isFinite(this.batchMs) ? Math.min(this.batchSize, FIRST_BATCH_ROWS) : this.batchSize;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.states = sources.map((source) => ({ source, after: 0, end: 0, done: 0, total: 0, unreadable: 0 }));
  }

  /**
   * Takes every index's end now, before any write can happen, and schedules the first batch.
   * Must run synchronously right after the indexes were created (empty), before the store is handed out.
   */
  start(): void {
    this.started = performance.now();
    for (const state of this.states) {
      const { end, total } = state.source.extent();
      state.end = end;
      state.total = total;
      this.index.beginBuild(state.source.index, end);
    }
    this.next();
  }

  /** Null once this index is complete; otherwise how far it got (it stays partial if the build failed or was stopped). */
  progress(index: IndexName): IndexingProgress | null {
    const position = this.states.findIndex((s) => s.source.index === index);
    if (position < 0 || position < this.current) return null;
    const state = this.states[position]!;
    return { done: Math.min(state.done, state.total), total: state.total };
  }

  get isBuilding(): boolean {
    return this.outcome === null;
  }

  /** Milliseconds from start to the last batch; null until built. */
  get buildMs(): number | null {
    return this.elapsed;
  }

  /** Stops between batches (a batch is never cut in half: it is one transaction). */
  dispose(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = null;
    if (this.outcome === null) this.finish('stopped');
  }

  private next(): void {
    // An empty table needs no batch (and no turn of the event loop).
    while (this.states[this.current]?.end === 0) this.sourceDone(this.states[this.current]!);
    if (this.current >= this.states.length) {
      this.finish('built');
      return;
    }
    this.pending = setImmediate(() => this.step());
  }

  private step(): void {
    this.pending = null;
    const state = this.states[this.current];
    if (this.outcome !== null || !state) return;
    if (!this.database.isOpen) {
      this.finish('stopped');
      return;
    }
    const { source } = state;
    const limit = Math.max(1, Math.ceil(this.rows / (source.weight ?? 1)));
    try {
      const started = performance.now();
      const batch = this.database.db.transaction(() => source.indexBatch(state.after, state.end, limit))();
      this.adapt(performance.now() - started);
      if (batch.read > 0) state.after = batch.last;
      state.done += batch.read;
      state.unreadable += batch.unreadable;
      this.index.advanceBuild(source.index, state.after);
      if (batch.read < limit || state.after >= state.end) this.sourceDone(state);
    } catch (error) {
      this.options.log.warn(`store: building the ${source.index} search index failed at seq ${state.after}; search misses what is left`, error);
      this.finish('failed');
      return;
    }
    this.next();
  }

  /** Scales the next batch by how far this one missed the budget: one slow batch is enough to settle. */
  private adapt(ms: number): void {
    if (ms > this.batchMs) this.rows = Math.max(Math.min(MIN_BATCH_ROWS, this.batchSize), Math.floor((this.rows * this.batchMs) / ms));
    else if (ms < this.batchMs / 2) this.rows = Math.min(this.batchSize, this.rows * 2);
  }

  private sourceDone(state: SourceState): void {
    state.done = state.total;
    this.index.endBuild(state.source.index);
    if (state.unreadable > 0) {
      this.options.log.warn(`store: ${state.unreadable} rows could not be decrypted and are left out of ${state.source.index}`);
    }
    this.current++;
  }

  private finish(outcome: BuildOutcome): void {
    this.outcome = outcome;
    // Whatever happened, writers own every row again: a stopped build must not leave rows unindexable.
    for (const state of this.states) this.index.endBuild(state.source.index);
    if (outcome === 'built') {
      this.elapsed = performance.now() - this.started;
      const counts = this.states.map((s) => `${s.source.index} ${s.total}`).join(', ');
      this.options.log.info(`store: search indexes built in ${Math.round(this.elapsed)} ms (${counts})`);
    }
    this.resolveFinished(outcome);
  }
}
