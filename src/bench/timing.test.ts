import { afterEach, describe, expect, it, vi } from 'vitest';
import { calibrate, MAX_BATCH, perCallMs, timeBatch } from './timing';

afterEach(() => vi.restoreAllMocks());

/** A clock that ticks in whole milliseconds, as WebKitGTK's does here, moved only by `cost`. */
function wholeMsClock() {
  let t = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => Math.floor(t));
  return (ms: number) => () => {
    t += ms;
    return Promise.resolve();
  };
}

describe('timing', () => {
  it('times a batch on a clock that ticks in whole milliseconds', async () => {
    const cost = wholeMsClock();
    expect(await timeBatch(cost(0.3), 1)).toBe(0); // one call below the tick reads as nothing
    expect(await timeBatch(cost(0.3), 100)).toBeCloseTo(30, 0);
  });

  it('grows a batch until it lasts the minimum, after an unmeasured warm-up', async () => {
    const cost = wholeMsClock();
    let calls = 0;
    let first = true;
    const fn = async () => {
      calls++;
      await cost(first ? 50 : 0.3)(); // the warm-up is slow: it must not set the batch size
      first = false;
    };
    const size = await calibrate(fn, 25);
    expect(size * 0.3).toBeGreaterThanOrEqual(25);
    expect(size).toBeLessThan(200);
    expect(calls).toBeGreaterThan(size);
    expect(await calibrate(cost(0), 25)).toBe(MAX_BATCH); // never lasts: capped, not endless
  });

  it('measures things in turn, per call, and keeps every repetition', async () => {
    const cost = wholeMsClock();
    const order: string[] = [];
    const traced = (name: string, ms: number) => async () => {
      order.push(name);
      await cost(ms)();
    };
    const ms = await perCallMs({ a: traced('a', 0.5), b: traced('b', 2) }, { reps: 3, minBatchMs: 10 });
    expect(ms.a).toHaveLength(3);
    for (const sample of ms.a) expect(sample).toBeCloseTo(0.5, 1);
    for (const sample of ms.b) expect(sample).toBeCloseTo(2, 1);
    // After calibrating each, the batches alternate: a…a b…b a…a b…b …
    const runs = order.reduce<string[]>((acc, name) => (acc.at(-1) === name ? acc : [...acc, name]), []);
    expect(runs.slice(-6)).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
  });

  it('grows a batch that its calibration sized on a slow moment, until the clock sees it', async () => {
    const cost = wholeMsClock();
    let call = 0;
    // Calls 1 and 2 (the warm-up and the one timed batch of calibration) are slow; then 0.3 ms.
    const fn = () => cost(++call <= 2 ? 30 : 0.3)();
    const ms = await perCallMs({ x: fn }, { reps: 3, minBatchMs: 10 });
    for (const sample of ms.x) expect(sample).toBeGreaterThan(0); // no batch read as 0 ms
    expect(ms.x.at(-1)).toBeCloseTo(0.3, 1);
  });

  it('with a fixed batch, times exactly that many calls each time after one warm-up batch', async () => {
    const cost = wholeMsClock();
    let calls = 0;
    const ms = await perCallMs({ x: async () => (calls++, cost(1)()) }, { reps: 4, minBatchMs: 0, batch: 50 });
    expect(calls).toBe(5 * 50);
    expect(ms.x).toEqual([1, 1, 1, 1]);
  });

  it('stops between batches when aborted', async () => {
    const cost = wholeMsClock();
    const controller = new AbortController();
    controller.abort();
    await expect(
      perCallMs({ x: cost(20) }, { reps: 3, minBatchMs: 10, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
