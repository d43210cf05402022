import { describe, expect, it } from 'vitest';
import { makeFigure } from './report';
import { runBench } from './runner';
import type { BenchStep } from './plan';

const figure = (id: string) =>
  makeFigure({ id, group: 'invoke', label: id, unit: 'µs', value: 1, floor: { label: 'f', value: 2 } });
const step = (label: string, run: BenchStep['run']): BenchStep => ({ group: 'invoke', label, run });

describe('runBench', () => {
  it('runs every step in order, telling which and handing over the figures so far', async () => {
    const progress: string[] = [];
    const seen: string[][] = [];
    const { results, completed } = await runBench({
      quick: true,
      steps: [
        step('one', () => Promise.resolve([figure('a')])),
        step('two', ({ settings }) => Promise.resolve([figure(`b${settings.reps}`)])),
      ],
      onProgress: (p) => progress.push(`${p.step}/${p.steps} ${p.label}`),
      onFigures: (figures) => seen.push(figures.map((f) => f.id)),
    });
    expect(completed).toBe(true);
    expect(progress).toEqual(['1/2 one', '2/2 two']);
    expect(seen).toEqual([['a'], ['a', 'b3']]); // the quick settings reached the step
    expect(results.environment.webview).toBe(navigator.userAgent);
    expect(results.environment.api).toMatch(/^2\./);
    expect(results.error).toBeUndefined();
  });

  it('stops at a cancel, keeping what it measured', async () => {
    const controller = new AbortController();
    const { results, completed } = await runBench({
      quick: false,
      signal: controller.signal,
      steps: [
        step('one', () => Promise.resolve([figure('a')])),
        step('two', ({ signal }) => {
          controller.abort();
          signal?.throwIfAborted();
          return Promise.resolve([figure('never')]);
        }),
        step('three', () => Promise.resolve([figure('never either')])),
      ],
    });
    expect(completed).toBe(false);
    expect(results.error).toBe('cancelled');
    expect(results.figures.map((f) => f.id)).toEqual(['a']);
  });

  it('stops at a failed step with its error', async () => {
    const { results, completed } = await runBench({
      quick: true,
      steps: [
        step('one', () => {
          throw { kind: 'busy', message: 'busy: 2 bench runs are already running' };
        }),
      ],
    });
    expect(completed).toBe(false);
    expect(results).toMatchObject({ error: 'busy: 2 bench runs are already running', figures: [] });
  });
});
