// The background jobs as reactive state, newest first: the list Rust keeps (loaded once the
// `job-update` listener is registered, so no update falls between the two) kept current by every
// `job-update`. Updates and the list may arrive in any order; each job keeps the furthest along
// of what it was told. Running jobs have a speed from their updates.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import {
  cancelJob,
  listJobs,
  pickFile,
  startHashJob,
  toAppError,
  type AppError,
  type JobInfo,
  type WorkState,
} from '../api';
import { isActive, speedMeter } from '../lib/work';
import { useTauriEvent } from './useTauriEvent';

export interface JobRow extends JobInfo {
  /** Bytes per second over the last SPEED_WINDOW_MS (lib/work.ts) while running; `null` otherwise. */
  speed: number | null;
}

/** How often running jobs are sampled between updates, so a stalled job's speed falls to 0. */
export const TICK_MS = 1000;

const STAGE: Record<WorkState, number> = { queued: 0, running: 1, finished: 2, failed: 2, cancelled: 2 };

/** How far a job is; everything in it only grows over a job's life, in this order of weight. */
const reach = (job: JobInfo) => [STAGE[job.state], job.bytes ?? 0, job.files, job.totalBytes ?? 0, job.totalFiles];

/** True unless `next` is older news of the job than `known` (an ended state beats an active one, more bytes fewer). */
export function isNewer(next: JobInfo, known: JobInfo): boolean {
  const [a, b] = [reach(next), reach(known)];
  const i = a.findIndex((value, k) => value !== b[k]);
  return i < 0 || a[i] > b[i];
}

/** The totals are known: the job ended, or it has counted what it reads. */
export const totalsKnown = (job: JobInfo) => !isActive(job) || job.totalFiles > 0;

export function useJobs() {
  const jobs = ref<JobRow[]>([]);
  /** A start that made no job (refused path, too many jobs), a failed cancel, list or listen. */
  const error = shallowRef<AppError | null>(null);
  const speeds = speedMeter();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const running = () => jobs.value.filter((job) => job.state === 'running');

  function measure(row: JobRow) {
    row.speed = row.state === 'running' ? speeds.sample(row.id, row.bytes ?? 0) : speeds.forget(row.id);
  }

  /** Takes in what was said of a job, unless the row already knows newer. */
  function merge(info: JobInfo) {
    if (disposed) return;
    let row = jobs.value.find((job) => job.id === info.id);
    if (row && !isNewer(info, row)) return;
    if (row) Object.assign(row, info);
    else {
      jobs.value.push({ ...info, speed: null });
      jobs.value.sort((a, b) => b.id - a.id);
      row = jobs.value.find((job) => job.id === info.id)!;
    }
    measure(row);
    schedule();
  }

  function fail(reason: unknown) {
    if (!disposed) error.value = toAppError(reason);
  }

  function schedule() {
    if (!disposed && !timer && running().length) timer = setTimeout(tick, TICK_MS);
  }

  function tick() {
    timer = undefined;
    running().forEach(measure);
    schedule();
  }

  async function load() {
    try {
      (await listJobs()).forEach(merge);
    } catch (reason) {
      fail(reason);
    }
  }

  /** Starts the job for the path `target` gives (none when it gives `null`, a cancelled pick). */
  async function begin(target: () => Promise<string | null>): Promise<void> {
    error.value = null;
    try {
      const path = await target();
      if (path !== null) merge(await startHashJob(path));
    } catch (reason) {
      fail(reason);
    }
  }

  /** Hashes the file or folder at `path`. */
  const start = (path: string) => begin(async () => path);
  /** Hashes a file the user picks in the native dialog (which makes it readable). */
  const pickAndStart = () => begin(pickFile);

  async function cancel(id: number): Promise<void> {
    error.value = null;
    await cancelJob(id).catch(fail);
  }

  const listening = useTauriEvent('jobUpdate', merge);
  /** Resolves once the list is loaded (after the listener is registered, or failed to be). */
  const ready = listening.ready.catch(fail).then(load);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true;
      clearTimeout(timer);
    });
  }
  return { jobs, error, ready, start, pickAndStart, cancel };
}
