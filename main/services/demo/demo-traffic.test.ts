import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { silentLogger } from '../logger';
import { DemoTrafficScheduler } from './demo-traffic';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function setup(plan = { burst: 3, trickleMinMs: 20_000, trickleMaxMs: 40_000, cap: 5 }, random = () => 0.5) {
  const clock = new ManualClock();
  const batches: number[] = [];
  const scheduler = new DemoTrafficScheduler(plan, async (count) => void batches.push(count), clock, random, silentLogger);
  return { clock, batches, scheduler };
}

describe('demo traffic', () => {
  test('a burst at once, then one every 20–40 s, up to the cap', async () => {
    const { clock, batches, scheduler } = setup();
    scheduler.start();
    await flush();
    expect(batches).toEqual([3]);
    clock.advance(29_999);
    await flush();
    expect(batches).toEqual([3]);
    clock.advance(1);
    await flush();
    expect(batches).toEqual([3, 1]);
    for (let i = 0; i < 5; i++) {
      clock.advance(30_000);
      await flush();
    }
    expect(batches).toEqual([3, 1, 1]);
    expect(scheduler.postedSoFar).toBe(5);
    expect(clock.pendingTimers()).toBe(0);
  });

  test('delays stay inside the window', () => {
    expect(setup(undefined, () => 0).scheduler.nextDelay()).toBe(20_000);
    expect(setup(undefined, () => 0.999999).scheduler.nextDelay()).toBe(40_000);
  });

  test('a failing post does not stop the trickle; dispose does', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const scheduler = new DemoTrafficScheduler(
      { burst: 1, trickleMinMs: 1_000, trickleMaxMs: 1_000, cap: 10 },
      async () => {
        calls++;
        throw new Error('hub down');
      },
      clock,
      () => 0,
      silentLogger,
    );
    scheduler.start();
    await flush();
    clock.advance(1_000);
    await flush();
    expect(calls).toBe(2);
    scheduler.dispose();
    clock.advance(10_000);
    await flush();
    expect(calls).toBe(2);
    expect(clock.pendingTimers()).toBe(0);
  });
});
