// Helpers for long-running work (downloads, jobs): whether it is still going, its speed over a
// short sliding window, and what a list item shows of it (WorkItem).
import type { IpcError, WorkState } from '../api';

// #region recipe:cancellation
/** Queued or running: it can still be cancelled, and an update can still change it. */
export const isActive = (work: { state: WorkState }) => work.state === 'queued' || work.state === 'running';
// #endregion recipe:cancellation

/** The span a speed is measured over. */
export const SPEED_WINDOW_MS = 2000;

type Sample = { at: number; bytes: number };

/** Speeds per id from samples of a growing byte count, each over the last SPEED_WINDOW_MS. */
export function speedMeter() {
  const samples = new Map<number, Sample[]>();
  return {
    /** Adds a sample of `id`'s bytes now; bytes per second, or `null` until time has passed. */
    sample(id: number, bytes: number): number | null {
      const now = Date.now();
      const list = samples.get(id) ?? [];
      list.push({ at: now, bytes });
      while (list.length > 2 && list[1].at <= now - SPEED_WINDOW_MS) list.shift();
      samples.set(id, list);
      const span = now - list[0].at;
      return span > 0 ? ((bytes - list[0].bytes) * 1000) / span : null;
    },
    /** Drops `id`'s samples (it stopped running); its speed is `null` from now on. */
    forget(id: number): null {
      samples.delete(id);
      return null;
    },
  };
}

/**
 * What a list item (components/WorkItem.vue) shows of one piece of work; each kind builds it
 * from its row with a small function (downloadItem, jobItem).
 */
export interface WorkItemView {
  /** Prefixes the data-testids: `job` gives job-<id>, job-state-<id>, job-progress-<id>, … */
  testid: string;
  id: number;
  name: string;
  state: WorkState;
  /** Bytes so far, and the total once known (`null` while unknown). */
  done: number;
  total: number | null;
  /** Bytes per second, while running. */
  speed: number | null;
  error: IpcError | null;
  /** What the progress bar and the Cancel button are named for assistive technology. */
  progressLabel: string;
  cancelLabel: string;
}
