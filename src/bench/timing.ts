// Timing calls from the page. `performance.now()` in WebKitGTK ticks in whole milliseconds
// here, so a call is never timed alone: calls run back to back in batches that last long
// enough for the tick to matter little (`minBatchMs`), and a batch's time over its calls is
// the per-call figure. The things compared run in turn, batch after batch, so what drifts
// during a run (GC, caches, the CPU's clock) weighs on each alike. The first batch of each is a
// warm-up and is not kept.

export type Call = () => Promise<unknown>;

export interface TimingOptions {
  /** Batches kept per call, after the warm-up. */
  reps: number;
  /** The least a batch should last; calls are added to a batch until it does. */
  minBatchMs: number;
  signal?: AbortSignal;
}

/** The most calls one batch may hold (a call far below the tick still gets a finite batch). */
export const MAX_BATCH = 100_000;

/** Milliseconds `calls` sequential calls of `fn` take. */
export async function timeBatch(fn: Call, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await fn();
  return performance.now() - started;
}

/**
 * How many calls of `fn` make a batch of at least `minBatchMs`: one call first (the warm-up,
 * not measured: it pays for first-time costs), then batches growing from what the last took.
 */
export async function calibrate(fn: Call, minBatchMs: number, signal?: AbortSignal): Promise<number> {
  await fn();
  let calls = 1;
  let ms = await timeBatch(fn, calls);
  while (ms < minBatchMs && calls < MAX_BATCH) {
    signal?.throwIfAborted();
    // A batch under one tick says only "less than 1 ms": grow it fourfold and look again.
    const next = ms > 0 ? Math.ceil((calls * minBatchMs * 1.2) / ms) : calls * 4;
    calls = Math.min(MAX_BATCH, Math.max(next, calls + 1));
    ms = await timeBatch(fn, calls);
  }
  return calls;
}

/**
 * Per-call milliseconds of each of `fns`, `reps` batches each, in turn: every batch's time over
 * its calls. A batch is calibrated to last `minBatchMs` (its first call the warm-up), or, with
 * `batch`, holds exactly that many calls after one warm-up batch — for percentiles: a batch's
 * figure is the mean of its calls (one call is below the clock's resolution), so percentiles of
 * these are of batch means, not of single calls: a lone slow call is averaged into its batch.
 */
export async function perCallMs<K extends string>(
  fns: Record<K, Call>,
  { reps, minBatchMs, signal, batch }: TimingOptions & { batch?: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(fns) as K[];
  const sizes = {} as Record<K, number>;
  for (const name of names) {
    if (batch === undefined) sizes[name] = await calibrate(fns[name], minBatchMs, signal);
    else await timeBatch(fns[name], (sizes[name] = batch));
  }
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let rep = 0; rep < reps; rep++) {
    for (const name of names) {
      signal?.throwIfAborted();
      let ms = await timeBatch(fns[name], sizes[name]);
      // A calibrated batch that now lasts less than one tick (its calibration caught a slow
      // moment) says nothing: grow it until the clock sees it. Fixed-size batches stay as asked.
      while (ms === 0 && batch === undefined && sizes[name] < MAX_BATCH) {
        sizes[name] = Math.min(MAX_BATCH, sizes[name] * 4);
        ms = await timeBatch(fns[name], sizes[name]);
      }
      samples[name].push(ms / sizes[name]);
    }
  }
  return samples;
}
