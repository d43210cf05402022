import { describe, expect, it } from 'vitest';
import { makeFigure, rangeText, sections, targetText, formatNumber } from './report';
import { median, meets, mibPerSecond, percentile, perSecond, ratio, ratioRange } from './stats';

describe('statistics', () => {
  it('take medians and interpolated percentiles, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const values = Array.from({ length: 101 }, (_, i) => 100 - i); // 0..100, reversed
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([10, 20], 75)).toBe(17.5);
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('express ratios as value / floor, and rates from sizes and times', () => {
    expect(ratio(125, 100)).toBe(1.25);
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(meets(1.25, { op: '<=', ratio: 1.25 })).toBe(true);
    expect(meets(1.26, { op: '<=', ratio: 1.25 })).toBe(false);
    expect(meets(0.8, { op: '>=', ratio: 0.8 })).toBe(true);
    expect(mibPerSecond(2 * 1024 * 1024, 500)).toBe(4);
    expect(perSecond(10_000, 250)).toBe(40_000);
  });
});

describe('figures', () => {
  const floor = { label: 'fetch', value: 100 };

  it('read a target on a time as "at most", met when the time is low enough', () => {
    const fast = makeFigure({ id: 'a', group: 'invoke', label: 'a', unit: 'µs', value: 110, floor, target: 1.25 });
    expect(fast).toMatchObject({ ratio: 1.1, target: { op: '<=', ratio: 1.25 }, verdict: 'met' });
    const slow = makeFigure({ id: 'b', group: 'invoke', label: 'b', unit: 'ms', value: 130, floor, target: 1.25 });
    expect(slow).toMatchObject({ ratio: 1.3, verdict: 'missed' });
    expect(targetText(fast)).toBe('≤ 1.25× met');
    expect(targetText(slow)).toBe('≤ 1.25× MISSED');
  });

  it('read a target on a rate as "at least", met when the rate is high enough', () => {
    const quick = makeFigure({ id: 'c', group: 'up', label: 'c', unit: 'MiB/s', value: 95, floor, target: 0.9 });
    expect(quick).toMatchObject({ ratio: 0.95, target: { op: '>=', ratio: 0.9 }, verdict: 'met' });
    const slow = makeFigure({ id: 'd', group: 'up', label: 'd', unit: 'msg/s', value: 50, floor, target: 0.8 });
    expect(slow).toMatchObject({ ratio: 0.5, verdict: 'missed' });
    expect(targetText(slow)).toBe('≥ 0.8× MISSED');
  });

  it('carry the range of the ratio over the repetitions, and call a target inside it within noise', () => {
    // Paired rep by rep when both have as many; every value against every floor otherwise.
    expect(ratioRange([90, 110, 100], [100, 100, 125])).toEqual([0.8, 1.1]);
    expect(ratioRange([90, 110], [100, 50, 100])).toEqual([0.9, 2.2]);
    // A batch under the clock's tick (0 ms, an Infinite rate) is no measurement: left out.
    expect(ratioRange([90, 110, 100], [0, 100, Infinity])).toEqual([1.1, 1.1]);
    expect(ratioRange([5], [0])).toBeNull();
    const spec = { id: 'n', group: 'up', label: 'n', unit: 'MiB/s' as const, target: 0.95 };
    const noisy = makeFigure({
      ...spec,
      value: 97,
      samples: [90, 97, 104],
      floor: { label: 'POST', value: 100, samples: [100, 100, 100] },
    });
    expect(noisy).toMatchObject({ ratio: 0.97, range: [0.9, 1.04], verdict: 'within noise' });
    expect(targetText(noisy)).toBe('≥ 0.95× within noise');
    expect(rangeText(noisy)).toBe('0.90–1.04×');
    const clear = makeFigure({
      ...spec,
      value: 80,
      samples: [78, 80, 82],
      floor: { label: 'POST', value: 100, samples: [100, 99, 101] },
    });
    expect(clear.verdict).toBe('missed');
    // A time's target is "at most": the whole range under it is met.
    const time = makeFigure({
      ...spec,
      unit: 'µs',
      target: 1.25,
      value: 110,
      samples: [105, 110, 115],
      floor: { label: 'fetch', value: 100, samples: [100, 100, 100] },
    });
    expect(time).toMatchObject({ verdict: 'met', range: [1.05, 1.15] });
  });

  it('have no ratio or target without a floor, and refuse what is not a measurement', () => {
    const bare = makeFigure({ id: 'e', group: 'json', label: 'e', unit: 'ms', value: 3 });
    expect(bare).toEqual({ id: 'e', group: 'json', label: 'e', unit: 'ms', value: 3 });
    expect(targetText(bare)).toBe('');
    expect(() => makeFigure({ id: 'f', group: 'json', label: 'f', unit: 'ms', value: 3, target: 1 })).toThrow(
      /needs a floor/,
    );
    expect(() => makeFigure({ id: 'g', group: 'down', label: 'g', unit: 'MiB/s', value: Infinity, floor })).toThrow(
      /not a measurement/,
    );
    expect(() =>
      makeFigure({ id: 'h', group: 'down', label: 'h', unit: 'MiB/s', value: 1, floor: { label: 'x', value: NaN } }),
    ).toThrow();
  });

  it('group by group and unit in measured order, and print numbers as the report printer does', () => {
    const f = (id: string, group: string, unit: 'µs' | 'MiB/s') => makeFigure({ id, group, label: id, unit, value: 1 });
    const all = [f('a', 'down', 'µs'), f('b', 'down', 'MiB/s'), f('c', 'down', 'MiB/s'), f('d', 'up', 'µs')];
    expect(sections(all).map((s) => [s.group, s.unit, s.figures.map((x) => x.id)])).toEqual([
      ['down', 'µs', ['a']],
      ['down', 'MiB/s', ['b', 'c']],
      ['up', 'µs', ['d']],
    ]);
    expect([formatNumber(1234.5), formatNumber(0.012345), formatNumber(12.345)]).toEqual(['1235', '0.0123', '12.3']);
  });
});
