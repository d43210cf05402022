// A list of long-running work (downloads, jobs, …) as reactive state, newest first: each row is
// what Rust said of one piece of work plus its speed while running. A timer ticks while some row
// needs it (sampling running rows, so a stalled one's speed falls to 0, and doing the kind's own
// polling), and stops when none does or the scope ends. A kind of work brings how to read its
// bytes and how to cancel it; loading the list and following the news stay with the kind.
import { getCurrentScope, onScopeDispose, shallowRef, ref, type Ref } from 'vue';
import { toAppError, type AppError, type WorkState } from '../api';
import { speedMeter } from '../lib/work';

/** What a list needs of a piece of work. */
export interface Work {
  id: number;
  state: WorkState;
}

/** A row: the work as last told, and bytes per second over SPEED_WINDOW_MS (lib/work.ts) while running. */
export type WorkRow<T extends Work> = T & { speed: number | null };

const running = (row: Work) => row.state === 'running';

export interface WorkListOptions<T extends Work> {
  /** The bytes done so far, sampled for the speed. */
  bytes: (work: T) => number;
  /** Asks Rust to cancel the work with this id. */
  cancel: (id: number) => Promise<unknown>;
  /** How often the timer ticks. */
  tickMs: number;
  /** False when `next` is older news than `known` (then it is dropped); by default every update is taken. */
  isNewer?: (next: T, known: T) => boolean;
  /** Rows that keep the timer going; running ones by default. */
  ticksWhile?: (row: WorkRow<T>) => boolean;
  /** Rows a tick samples for their speed; running ones by default. */
  sampleOnTick?: (row: WorkRow<T>) => boolean;
  /** The kind's own work on a tick (e.g. polling), after the samples; the next tick waits for a promise it returns. */
  onTick?: () => Promise<void> | void;
}

export function useWorkList<T extends Work>(options: WorkListOptions<T>) {
  const { ticksWhile = running, sampleOnTick = running } = options;
  const rows = ref([]) as Ref<WorkRow<T>[]>;
  /** A failed call of the kind (start, cancel, list), unless the scope has ended. */
  const error = shallowRef<AppError | null>(null);
  const speeds = speedMeter();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const find = (id: number) => rows.value.find((row) => row.id === id);

  /** Adds a sample of the row's bytes and recomputes its speed (none unless running). */
  function measure(row: WorkRow<T>) {
    row.speed = running(row) ? speeds.sample(row.id, options.bytes(row)) : speeds.forget(row.id);
  }

  /** Puts `work` in the list, replacing the row with its id unless that knows newer; keeps the list newest first. */
  function upsert(work: T): WorkRow<T> {
    let row = find(work.id);
    if (row && options.isNewer && !options.isNewer(work, row)) return row;
    if (row) Object.assign(row, work);
    else {
      rows.value.push({ ...work, speed: null });
      rows.value.sort((a, b) => b.id - a.id);
      row = find(work.id)!;
    }
    measure(row);
    schedule();
    return row;
  }

  function fail(reason: unknown) {
    if (!disposed) error.value = toAppError(reason);
  }

  function schedule() {
    if (!disposed && !timer && rows.value.some(ticksWhile)) timer = setTimeout(tick, options.tickMs);
  }

  function tick() {
    timer = undefined;
    rows.value.filter(sampleOnTick).forEach(measure);
    const pending = options.onTick?.();
    if (pending) void pending.catch(fail).then(schedule);
    else schedule();
  }

  // #region recipe:cancellation
  async function cancel(id: number): Promise<void> {
    error.value = null;
    await options.cancel(id).catch(fail);
  }
  // #endregion recipe:cancellation

  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true;
      clearTimeout(timer);
    });
  }
  return { rows, error, find, upsert, measure, schedule, fail, cancel, isDisposed: () => disposed };
}
