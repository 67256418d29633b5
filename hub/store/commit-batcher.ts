// Group commit. With synchronous=FULL every commit costs an fsync, and the fsync, not the work,
// bounds durable throughput. Jobs submitted in the same turn of the event loop (which includes every
// request whose body arrived while the previous commit held the loop) are committed together: one
// transaction, one fsync for the group. Each job's promise settles only after that commit, so a
// caller that answers on settlement still answers only for what is durable. A batch holds at most
// maxBatch jobs; the rest wait for the next turn, so one burst cannot stretch a commit without bound.

export type JobOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Runs `flush` later, once (the default is setImmediate: after the I/O already waiting is read). */
export type ScheduleFlush = (flush: () => void) => void;

export interface CommitBatcherOptions<J, R> {
  /**
   * Commits the jobs together in one transaction and returns one outcome per job, in order. A job
   * may fail on its own (its outcome says so); throwing means nothing was committed and fails them all.
   */
  commit(jobs: readonly J[]): JobOutcome<R>[];
  schedule?: ScheduleFlush;
  /** Largest number of jobs in one commit. Default 64. */
  maxBatch?: number;
}

export interface CommitBatcherStats {
  /** Commits run (each one transaction). */
  batches: number;
  jobs: number;
  largestBatch: number;
}

interface Waiting<J, R> {
  job: J;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export class CommitBatcher<J, R> {
  private readonly schedule: ScheduleFlush;
  private readonly maxBatch: number;
  private queue: Waiting<J, R>[] = [];
  private scheduled = false;
  private closed = false;
  private readonly counts: CommitBatcherStats = { batches: 0, jobs: 0, largestBatch: 0 };

  constructor(private readonly options: CommitBatcherOptions<J, R>) {
    this.schedule = options.schedule ?? ((flush) => void setImmediate(flush));
    this.maxBatch = options.maxBatch ?? 64;
    if (!Number.isInteger(this.maxBatch) || this.maxBatch < 1) throw new Error(`maxBatch must be a positive integer, got ${this.maxBatch}`);
  }

  /** Settles after the commit that holds the job: with its outcome, or the commit's error. */
  submit(job: J): Promise<R> {
    if (this.closed) return Promise.reject(new Error('the commit batcher is closed'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.scheduleFlush();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  get stats(): CommitBatcherStats {
    return { ...this.counts };
  }

  /** Commits everything still queued now (shutdown finishes its writes); later submits are refused. */
  close(): void {
    this.closed = true;
    while (this.queue.length > 0) this.flush();
  }

  private scheduleFlush(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0 && !this.closed) this.scheduleFlush();
    if (batch.length === 0) return;
    this.counts.batches++;
    this.counts.jobs += batch.length;
    this.counts.largestBatch = Math.max(this.counts.largestBatch, batch.length);
    let outcomes: JobOutcome<R>[];
    try {
      outcomes = this.options.commit(batch.map((waiting) => waiting.job));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (!outcome) waiting.reject(new Error(`the commit returned no outcome for job ${index}`));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
