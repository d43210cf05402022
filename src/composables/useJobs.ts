// The background jobs as reactive state, newest first: the list Rust keeps (loaded once the
// `job-update` listener is registered, so no update falls between the two) kept current by every
// `job-update`. Updates and the list may arrive in any order; each job keeps the furthest along
// of what it was told. Running jobs have a speed from their updates.
import { cancelJob, listJobs, pickFile, startHashJob, type JobInfo, type WorkState } from '../api';
import { isActive, type WorkItemView } from '../lib/work';
import { useTauriEvent } from './useTauriEvent';
import { useWorkList, type WorkRow } from './useWorkList';

export type JobRow = WorkRow<JobInfo>;

/** How often running jobs are sampled between updates, so a stalled job's speed falls to 0. */
export const TICK_MS = 1000;

// #region recipe:cancellation
const STAGE: Record<WorkState, number> = { queued: 0, running: 1, finished: 2, failed: 2, cancelled: 2 };

/** How far a job is; everything in it only grows over a job's life, in this order of weight. */
const reach = (job: JobInfo) => [STAGE[job.state], job.bytes ?? 0, job.files, job.totalBytes ?? 0, job.totalFiles];

/** True unless `next` is older news of the job than `known` (an ended state beats an active one, more bytes fewer). */
export function isNewer(next: JobInfo, known: JobInfo): boolean {
  const [a, b] = [reach(next), reach(known)];
  const i = a.findIndex((value, k) => value !== b[k]);
  return i < 0 || a[i] > b[i];
}
// #endregion recipe:cancellation

/** The totals are known: the job ended, or it has counted what it reads. */
export const totalsKnown = (job: JobInfo) => !isActive(job) || job.totalFiles > 0;

export function useJobs() {
  const {
    rows: jobs,
    error,
    upsert,
    fail,
    cancel,
    isDisposed,
  } = useWorkList<JobInfo>({ bytes: (job) => job.bytes ?? 0, cancel: cancelJob, tickMs: TICK_MS, isNewer });

  /** Takes in what was said of a job, unless the row already knows newer. */
  function merge(info: JobInfo) {
    if (!isDisposed()) upsert(info);
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
  const start = (path: string) => begin(() => Promise.resolve(path));
  /** Hashes a file the user picks in the native dialog (which makes it readable). */
  const pickAndStart = () => begin(pickFile);

  const listening = useTauriEvent('jobUpdate', merge);
  /** Resolves once the list is loaded (after the listener is registered, or failed to be). */
  const ready = listening.ready.catch(fail).then(load);
  return { jobs, error, ready, start, pickAndStart, cancel };
}

/** What the Jobs list shows of a job. */
export const jobItem = (job: JobRow): WorkItemView => ({
  testid: 'job',
  id: job.id,
  name: job.target,
  state: job.state,
  done: job.bytes ?? 0,
  total: totalsKnown(job) ? (job.totalBytes ?? 0) : null,
  speed: job.speed,
  error: job.error,
  progressLabel: `SHA-256 of ${job.target}`,
  cancelLabel: `Cancel hashing ${job.target}`,
});
