import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isActive, SPEED_WINDOW_MS, speedMeter } from './work';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterEach(() => vi.useRealTimers());

describe('work helpers', () => {
  it('tells active work from ended work', () => {
    expect(
      ['queued', 'running', 'finished', 'failed', 'cancelled'].map((state) => isActive({ state } as never)),
    ).toEqual([true, true, false, false, false]);
  });

  it('measures bytes per second over a sliding window, per id', () => {
    const speeds = speedMeter();
    expect(speeds.sample(1, 0)).toBeNull();
    vi.advanceTimersByTime(500);
    expect(speeds.sample(1, 1000)).toBe(2000);
    expect(speeds.sample(2, 5)).toBeNull();
    vi.advanceTimersByTime(SPEED_WINDOW_MS);
    expect(speeds.sample(1, 1000)).toBe(0); // the old samples left the window: it stalled
    expect(speeds.forget(1)).toBeNull();
    expect(speeds.sample(1, 3000)).toBeNull();
  });
});
