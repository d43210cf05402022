import { describe, expect, it } from 'vitest';
import { makeFigure, type Figure, type Unit } from './report';
import { whichPath } from './whichPath';

const fig = (id: string, value: number, unit: Unit = 'MiB/s', floor = 100): Figure =>
  makeFigure({ id, group: id.split('.')[0], label: id, unit, value, floor: { label: `floor of ${id}`, value: floor } });

describe('which path', () => {
  it('names the fastest way for each size and traffic, with the next one', () => {
    const rows = whichPath([
      fig('down.jsonArray.1048576', 10),
      fig('down.base64.1048576', 40),
      fig('down.raw.1048576', 170),
      fig('up.jsonArray.1048576', 2),
      fig('up.raw.1048576', 220, 'MiB/s', 200),
      fig('up.base64.1048576', 8),
      fig('messages.channel', 30_000, 'msg/s'),
      fig('messages.batched', 2_000_000, 'msg/s'),
      fig('json.ipc', 18, 'ms', 5),
      fig('json.eval', 9, 'ms', 14),
      fig('json.fetch', 14, 'ms', 5),
      fig('bulk.response', 108),
      fig('bulk.invoke.4194304x4', 184),
      fig('bulk.best', 184),
    ]);
    expect(rows.map((r) => [r.traffic, r.best.label, r.next?.label])).toEqual([
      ['Rust → JS, 1.0 MiB', 'down.raw.1048576', 'down.base64.1048576'],
      ['JS → Rust, 1.0 MiB', 'up.raw.1048576', 'up.base64.1048576'],
      ['bulk down, the largest size', 'bulk.invoke.4194304x4', 'bulk.response'],
      ['many small messages', 'messages.batched', 'messages.channel'],
      // A time: lower is better.
      ['a large JSON answer', 'json.eval', 'json.fetch'],
    ]);
    expect(rows[1].best).toMatchObject({ value: 220, unit: 'MiB/s', ratio: 1.1, floor: 'floor of up.raw.1048576' });
  });

  it('leaves out what the report did not measure', () => {
    expect(whichPath([fig('down.raw.0', 1000, 'µs')])).toEqual([]);
    expect(whichPath([])).toEqual([]);
  });
});
