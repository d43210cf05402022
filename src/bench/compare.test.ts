import { describe, expect, it } from 'vitest';
import { compareFigures } from './compare';
import { makeFigure, type Figure, type Unit } from './report';

const fig = (id: string, unit: Unit, value: number, samples?: number[]): Figure =>
  makeFigure({
    id,
    group: id.split('.')[0],
    label: `label of ${id}`,
    unit,
    value,
    samples,
    floor: { label: 'f', value: 10 },
  });

describe('compareFigures', () => {
  it('sets each figure both reports measured beside itself, in its own direction', () => {
    const before = [
      fig('invoke.sync.p50', 'µs', 400, [390, 400, 410]),
      fig('down.raw.1048576', 'MiB/s', 100, [95, 100, 105]),
      fig('messages.batched', 'msg/s', 1000, [990, 1000, 1010]),
      fig('only.before', 'ms', 5),
    ];
    const after = [
      fig('invoke.sync.p50', 'µs', 300, [290, 300, 310]),
      fig('down.raw.1048576', 'MiB/s', 80, [78, 80, 82]),
      fig('messages.batched', 'msg/s', 1005, [980, 1005, 1020]),
      fig('only.after', 'ms', 5),
    ];
    const rows = compareFigures(before, after);
    expect(rows.map((r) => [r.id, r.change])).toEqual([
      // A time that fell is better; a rate that fell is worse; overlapping repetitions are noise.
      ['invoke.sync.p50', 'better'],
      ['down.raw.1048576', 'worse'],
      ['messages.batched', 'within noise'],
    ]);
    expect(rows[0]).toMatchObject({ label: 'label of invoke.sync.p50', before: 400, after: 300, factor: 0.75 });
    expect(rows[0].ratios).toEqual([40, 30]);
  });

  it('without repetitions, compares the values; a unit that changed is no comparison', () => {
    expect(compareFigures([fig('a.b', 'ms', 10)], [fig('a.b', 'ms', 12)])[0].change).toBe('worse');
    expect(compareFigures([fig('a.b', 'ms', 10)], [fig('a.b', 'ms', 10)])[0].change).toBe('within noise');
    expect(compareFigures([fig('a.b', 'ms', 10)], [fig('a.b', 'µs', 12)])).toEqual([]);
  });
});
