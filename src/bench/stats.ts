// The bench's statistics: the median and percentiles of repeated measurements, and how a figure
// compares with its floor. One rule for every ratio: ratio = value / floor, both in the
// figure's own unit. For a time (µs, ms) lower is better, so a target reads `ratio <= x`
// ("at most x times the floor's time"); for a rate (MiB/s, msg/s) higher is better, so it reads
// `ratio >= x` ("at least x times the floor's rate").

/** The value below which `p` percent of `values` lie, interpolated between the closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) throw new RangeError('no values');
  if (p < 0 || p > 100) throw new RangeError(`percentile ${p} is not within 0..100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** `value / floor`: the figure in units of its floor (see the rule above). */
export function ratio(value: number, floor: number): number {
  if (!(floor > 0)) throw new RangeError(`a floor of ${floor} cannot be compared with`);
  return value / floor;
}

/**
 * The least and most `value / floor` over repetitions: pair by pair when both have as many
 * (each pair was measured in turn, so what drifted weighs on both), else every value against
 * every floor (the widest range). A repetition that is no measurement (a batch shorter than the
 * clock's tick: 0 ms, or a rate of Infinity) is left out; null when none is left.
 */
export function ratioRange(values: readonly number[], floors: readonly number[]): [number, number] | null {
  const pairs: [number, number][] =
    values.length === floors.length
      ? values.map((v, i) => [v, floors[i]])
      : values.flatMap((v) => floors.map((f): [number, number] => [v, f]));
  const measured = (n: number) => Number.isFinite(n) && n > 0;
  const ratios = pairs.filter(([v, f]) => measured(v) && measured(f)).map(([v, f]) => ratio(v, f));
  return ratios.length ? [Math.min(...ratios), Math.max(...ratios)] : null;
}

/** Whether `r` meets a target `op x`. */
export const meets = (r: number, target: { op: '>=' | '<='; ratio: number }) =>
  target.op === '>=' ? r >= target.ratio : r <= target.ratio;

/** MiB/s of `bytes` moved in `ms` milliseconds. */
export const mibPerSecond = (bytes: number, ms: number) => bytes / (1024 * 1024) / (ms / 1000);

/** Per second, of `count` things done in `ms` milliseconds. */
export const perSecond = (count: number, ms: number) => count / (ms / 1000);
