import { describe, expect, it } from 'vitest';
import type { KeptReport } from '../api';
import { makeFigure } from '../bench/report';
import { latestFigure } from './figures';

const figure = (id: string, value: number) =>
  makeFigure({ id, group: 'invoke', label: id, unit: 'µs', value, floor: { label: 'floor', value: 1 } });
const report = (savedMs: number, ...figures: ReturnType<typeof figure>[]): KeptReport =>
  ({
    savedMs,
    quick: true,
    completed: true,
    results: { environment: { webview: 'w', api: '2' }, figures },
  }) as KeptReport;

describe('latestFigure', () => {
  it('takes the newest report that has one of the figures, and there the first id it has', () => {
    const reports = [
      report(3, figure('json.ipc', 9)),
      report(2, figure('invoke.async.p50', 5), figure('invoke.sync.p50', 4)),
      report(1, figure('invoke.sync.p50', 7)),
    ];
    const found = latestFigure(reports, ['invoke.sync.p50', 'invoke.async.p50']);
    expect([found?.figure.id, found?.figure.value, found?.report.savedMs]).toEqual(['invoke.sync.p50', 4, 2]);
  });

  it('is null when no report measured the path', () => {
    expect(latestFigure([report(1, figure('json.ipc', 9))], ['invoke.sync.p50'])).toBeNull();
    expect(latestFigure([], [])).toBeNull();
  });
});
