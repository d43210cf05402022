import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { AppError, type WorkState } from '../api';
import { useWorkList, type WorkListOptions } from './useWorkList';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => vi.useRealTimers());

interface Task {
  id: number;
  state: WorkState;
  bytes: number;
}
const task = (id: number, state: WorkState, bytes = 0): Task => ({ id, state, bytes });
const TICK_MS = 1000;

function mountList(options: Partial<WorkListOptions<Task>> = {}) {
  const cancelled: number[] = [];
  const scope = effectScope();
  const list = scope.run(() =>
    useWorkList<Task>({
      bytes: (t) => t.bytes,
      cancel: (id) => {
        cancelled.push(id);
        return Promise.resolve();
      },
      tickMs: TICK_MS,
      ...options,
    }),
  )!;
  return { ...list, scope, cancelled };
}

const ids = (rows: { id: number; state: WorkState }[]) => rows.map((r) => [r.id, r.state]);

describe('useWorkList', () => {
  it('keeps one row per id, newest first, updated in place', () => {
    const list = mountList();
    const first = list.upsert(task(1, 'finished'));
    list.upsert(task(3, 'failed'));
    list.upsert(task(2, 'cancelled'));
    expect(ids(list.rows.value)).toEqual([
      [3, 'failed'],
      [2, 'cancelled'],
      [1, 'finished'],
    ]);
    const again = list.upsert(task(1, 'failed', 7));
    expect(again).toBe(first);
    expect(list.find(1)).toMatchObject({ state: 'failed', bytes: 7, speed: null });
    expect(list.rows.value).toHaveLength(3);
    list.scope.stop();
  });

  it('drops older news when the kind says which is newer', () => {
    const list = mountList({ isNewer: (next, known) => next.bytes >= known.bytes });
    list.upsert(task(1, 'running', 500));
    list.upsert(task(1, 'running', 200));
    expect(list.find(1)).toMatchObject({ bytes: 500 });
    list.upsert(task(1, 'running', 900));
    expect(list.find(1)).toMatchObject({ bytes: 900 });
    list.scope.stop();
  });

  it('measures a running row’s speed, lets it fall to 0 when it stalls, and forgets it when it ends', async () => {
    const list = mountList();
    list.upsert(task(1, 'running', 0));
    expect(list.find(1)!.speed).toBeNull();
    vi.advanceTimersByTime(500);
    list.upsert(task(1, 'running', 1000));
    expect(list.find(1)!.speed).toBe(2000);
    await vi.advanceTimersByTimeAsync(4 * TICK_MS); // no news: the ticks sample the same bytes
    expect(list.find(1)!.speed).toBe(0);
    list.upsert(task(1, 'finished', 1000));
    expect(list.find(1)!.speed).toBeNull();
    list.scope.stop();
  });

  it('ticks only while a row needs it, and each tick runs the kind’s own work', async () => {
    const onTick = vi.fn();
    const list = mountList({ onTick, ticksWhile: (row) => row.state !== 'finished' });
    list.upsert(task(1, 'finished'));
    await vi.advanceTimersByTimeAsync(3 * TICK_MS);
    expect(onTick).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);

    list.upsert(task(2, 'queued'));
    await vi.advanceTimersByTimeAsync(3 * TICK_MS);
    expect(onTick).toHaveBeenCalledTimes(3);
    list.upsert(task(2, 'finished'));
    await vi.advanceTimersByTimeAsync(3 * TICK_MS);
    expect(onTick).toHaveBeenCalledTimes(4); // the tick already set ran once more, then none
    expect(vi.getTimerCount()).toBe(0);
    list.scope.stop();
  });

  it('samples on a tick only the rows the kind names', async () => {
    const list = mountList({ sampleOnTick: (row) => row.id === 1 });
    list.upsert(task(1, 'running', 1000));
    list.upsert(task(2, 'running', 1000));
    vi.advanceTimersByTime(TICK_MS - 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(list.find(1)!.speed).toBe(0);
    expect(list.find(2)!.speed).toBeNull();
    list.scope.stop();
  });

  it('waits for the tick’s promise before the next tick, and shows its failure', async () => {
    let finish: (() => void) | undefined;
    const onTick = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const list = mountList({ onTick });
    list.upsert(task(1, 'running'));
    await vi.advanceTimersByTimeAsync(5 * TICK_MS);
    expect(onTick).toHaveBeenCalledTimes(1);
    finish!();
    await vi.advanceTimersByTimeAsync(TICK_MS);
    expect(onTick).toHaveBeenCalledTimes(2);

    onTick.mockImplementationOnce(() => Promise.reject(new AppError('network', 'offline')));
    finish!();
    await vi.advanceTimersByTimeAsync(2 * TICK_MS);
    expect(list.error.value).toMatchObject({ kind: 'network', message: 'offline' });
    expect(onTick).toHaveBeenCalledTimes(4); // a failed tick still schedules the next
    list.scope.stop();
  });

  it('cancels through the kind, clearing the last error, and shows a failed cancel', async () => {
    const list = mountList();
    list.fail(new AppError('busy', 'too many'));
    await list.cancel(4);
    expect(list.cancelled).toEqual([4]);
    expect(list.error.value).toBeNull();

    const refusing = mountList({ cancel: () => Promise.reject(new AppError('notFound', 'no job 9')) });
    await refusing.cancel(9);
    expect(refusing.error.value).toMatchObject({ kind: 'notFound', message: 'no job 9' });
    list.scope.stop();
    refusing.scope.stop();
  });

  it('stops its timer and takes no error once its scope ends', async () => {
    const onTick = vi.fn();
    const list = mountList({ onTick });
    list.upsert(task(1, 'running'));
    expect(vi.getTimerCount()).toBe(1);
    list.scope.stop();
    expect(list.isDisposed()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    list.fail(new AppError('io', 'late'));
    list.upsert(task(2, 'running'));
    await vi.advanceTimersByTimeAsync(3 * TICK_MS);
    expect(onTick).not.toHaveBeenCalled();
    expect(list.error.value).toBeNull();
  });
});
