// The group-commit batcher on a manual scheduler: what is committed together, when promises
// settle, the batch bound, and failures of one job versus the whole commit.
import { describe, expect, test } from 'vitest';
import { CommitBatcher, type JobOutcome } from './commit-batcher';

function manualScheduler() {
  const pending: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => void pending.push(flush),
    /** Runs the flushes scheduled so far (a flush may schedule the next one). */
    turn() {
      const due = pending.splice(0);
      for (const flush of due) flush();
      return due.length;
    },
    get scheduled() {
      return pending.length;
    },
  };
}

function settled<T>(promise: Promise<T>) {
  const state: { value?: T; error?: unknown; done: boolean } = { done: false };
  promise.then(
    (value) => Object.assign(state, { value, done: true }),
    (error: unknown) => Object.assign(state, { error, done: true }),
  );
  return state;
}

const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('CommitBatcher', () => {
  test('jobs submitted before the flush are committed together, and settle only after that commit', async () => {
    const scheduler = manualScheduler();
    const commits: number[][] = [];
    const batcher = new CommitBatcher<number, string>({
      schedule: scheduler.schedule,
      commit: (jobs) => {
        commits.push([...jobs]);
        return jobs.map((job) => ({ ok: true, value: `done ${job}` }));
      },
    });
    const a = settled(batcher.submit(1));
    const b = settled(batcher.submit(2));
    const c = settled(batcher.submit(3));
    expect(scheduler.scheduled).toBe(1); // one flush for the group, not one per job
    await flushMicrotasks();
    expect([a.done, b.done, c.done]).toEqual([false, false, false]);
    expect(commits).toEqual([]);

    scheduler.turn();
    await flushMicrotasks();
    expect(commits).toEqual([[1, 2, 3]]);
    expect([a.value, b.value, c.value]).toEqual(['done 1', 'done 2', 'done 3']);
    expect(batcher.stats).toEqual({ batches: 1, jobs: 3, largestBatch: 3 });

    // Jobs arriving after a commit start the next group.
    const d = settled(batcher.submit(4));
    scheduler.turn();
    await flushMicrotasks();
    expect(commits).toEqual([[1, 2, 3], [4]]);
    expect(d.value).toBe('done 4');
  });

  test('a batch holds at most maxBatch jobs; the rest go in the next turn, in order', async () => {
    const scheduler = manualScheduler();
    const commits: number[][] = [];
    const batcher = new CommitBatcher<number, number>({
      schedule: scheduler.schedule,
      maxBatch: 2,
      commit: (jobs) => {
        commits.push([...jobs]);
        return jobs.map((job) => ({ ok: true, value: job }));
      },
    });
    const all = Promise.all([1, 2, 3, 4, 5].map((job) => batcher.submit(job)));
    scheduler.turn();
    expect(commits).toEqual([[1, 2]]);
    expect(batcher.pending).toBe(3);
    scheduler.turn();
    scheduler.turn();
    expect(commits).toEqual([[1, 2], [3, 4], [5]]);
    expect(await all).toEqual([1, 2, 3, 4, 5]);
    expect(batcher.stats).toEqual({ batches: 3, jobs: 5, largestBatch: 2 });
    expect(() => new CommitBatcher({ commit: () => [], maxBatch: 0 })).toThrow(/maxBatch/);
  });

  test('one failed job fails alone; a failed commit fails every job of its batch and not the next batch', async () => {
    const scheduler = manualScheduler();
    let commitFails = false;
    const batcher = new CommitBatcher<number, number>({
      schedule: scheduler.schedule,
      commit: (jobs): JobOutcome<number>[] => {
        if (commitFails) throw new Error('disk full');
        return jobs.map((job) => (job < 0 ? { ok: false, error: new Error(`bad job ${job}`) } : { ok: true, value: job * 10 }));
      },
    });
    const good = batcher.submit(1);
    const bad = batcher.submit(-1);
    scheduler.turn();
    await expect(good).resolves.toBe(10);
    await expect(bad).rejects.toThrow('bad job -1');

    commitFails = true;
    const lost = [batcher.submit(2), batcher.submit(3)];
    scheduler.turn();
    for (const job of lost) await expect(job).rejects.toThrow('disk full');

    commitFails = false;
    const later = batcher.submit(4);
    scheduler.turn();
    await expect(later).resolves.toBe(40);
  });

  test('a commit that returns too few outcomes rejects the jobs left without one', async () => {
    const scheduler = manualScheduler();
    const batcher = new CommitBatcher<number, number>({ schedule: scheduler.schedule, commit: () => [{ ok: true, value: 1 }] });
    const first = batcher.submit(1);
    const second = batcher.submit(2);
    scheduler.turn();
    await expect(first).resolves.toBe(1);
    await expect(second).rejects.toThrow(/no outcome/);
  });

  test('close commits what is queued at once, in bounded batches, and refuses later jobs', async () => {
    const scheduler = manualScheduler();
    const commits: number[][] = [];
    const batcher = new CommitBatcher<number, number>({
      schedule: scheduler.schedule,
      maxBatch: 2,
      commit: (jobs) => {
        commits.push([...jobs]);
        return jobs.map((job) => ({ ok: true, value: job }));
      },
    });
    const queued = Promise.all([1, 2, 3].map((job) => batcher.submit(job)));
    batcher.close();
    expect(commits).toEqual([[1, 2], [3]]);
    expect(await queued).toEqual([1, 2, 3]);
    await expect(batcher.submit(4)).rejects.toThrow(/closed/);
    scheduler.turn(); // the flush scheduled before close finds nothing left to do
    expect(commits).toEqual([[1, 2], [3]]);
  });

  test('the default scheduler commits on the next turn of the event loop', async () => {
    const batcher = new CommitBatcher<string, string>({ commit: (jobs) => jobs.map((job) => ({ ok: true, value: job.toUpperCase() })) });
    expect(await Promise.all([batcher.submit('a'), batcher.submit('b')])).toEqual(['A', 'B']);
    expect(batcher.stats.batches).toBe(1);
  });
});
