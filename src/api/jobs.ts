// Jobs: the seed's `start_job` (its progress comes as `job-progress` events, then `job-done`)
// and background SHA-256 jobs over a file or folder in the read scope — started, cancelled and
// listed here, followed through `job-update` events (see composables/useJobs.ts).
import { commands, type JobInfo, type JobKind } from '../../gen/bindings';
import { call } from './call';

export type { JobInfo, JobKind };

/** `start_job`: resolves once `job-progress` 1..=100 and `job-done` are sent; `busy` while one runs. */
export const startJob = () => call(commands.startJob());

/**
 * `start_hash_job`: the job at once (state `queued`). Refused before any job exists with
 * outsideScope, notFound, invalidInput, or busy (16 jobs queued or running).
 */
export const startHashJob = (path: string) => call(commands.startHashJob(path));

// #region recipe:cancellation
/** Cancels a queued or running job; idempotent, `notFound` for an id that never was. */
export const cancelJob = (jobId: number) => call(commands.cancelJob(jobId));
// #endregion recipe:cancellation

/** Every job of this run, newest first: what a reloaded page shows and keeps following. */
export const listJobs = () => call(commands.listJobs());
