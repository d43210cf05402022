// Test support: a fake Rust side for the jobs on `mockIPC`, with its mocked events. It records
// every call (the event plugin's listen/unlisten/emit too), answers `list_jobs` from a list the
// test sets (or holds it open until `releaseList`), `start_hash_job` with a queued job (after
// its `job-update`, as Rust sends it; a path under /outside is `outsideScope`), `cancel_job` (an
// id over 1000 is `notFound`), `scope_folders` and the file picker, and holds `start_job` open
// until `seedDone` (a second one meanwhile is `busy`, as in Rust). `update`, `seedProgress` and
// `seedDone` emit the events.
import { flushPromises } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emitEvent, type JobInfo, type ScopeFolder } from '../api';

type Invoke = (cmd: string, args: unknown, options?: unknown) => Promise<unknown>;
const internals = () => (window as unknown as { __TAURI_INTERNALS__: { invoke: Invoke } }).__TAURI_INTERNALS__;

/** A queued job of /data/a.bin with id 1, changed by `over`. */
export const jobInfo = (over: Partial<JobInfo>): JobInfo => ({
  id: 1,
  kind: 'hashFile',
  target: '/data/a.bin',
  state: 'queued',
  bytes: 0,
  totalBytes: 0,
  files: 0,
  totalFiles: 0,
  digest: null,
  error: null,
  startedMs: 0,
  endedMs: null,
  ...over,
});

export interface FakeJobsOptions {
  list?: JobInfo[];
  /** Answer `list_jobs` only when the test calls `releaseList`. */
  holdList?: boolean;
  folders?: ScopeFolder[];
  /** What the file picker answers (`null`: the user cancelled). */
  picked?: string | null;
}

export function fakeJobs({ list = [], holdList = false, folders = [], picked = null }: FakeJobsOptions = {}) {
  const calls: { cmd: string; args: unknown }[] = [];
  let nextId = Math.max(0, ...list.map((job) => job.id)) + 1;
  let releaseList: () => void = () => {};
  let seedEnd: (() => void) | null = null;
  mockIPC(
    (cmd, args) => {
      if (cmd === 'list_jobs') {
        return holdList ? new Promise((resolve) => (releaseList = () => resolve(list))) : list;
      }
      if (cmd === 'start_hash_job') {
        const { path } = args as { path: string };
        if (path.startsWith('/outside')) throw { kind: 'outsideScope', message: `outside the allowed scope: ${path}` };
        const kind = folders.some((f) => f.path === path) ? 'hashFolder' : 'hashFile';
        const job = jobInfo({ id: nextId++, kind, target: path });
        return emitEvent('jobUpdate', job).then(() => job);
      }
      if (cmd === 'cancel_job') {
        if ((args as { jobId: number }).jobId > 1000) throw { kind: 'notFound', message: 'not found: no such job' };
        return null;
      }
      if (cmd === 'start_job') {
        if (seedEnd) throw { kind: 'busy', message: 'busy: the seed job is already running' };
        return new Promise((resolve) => (seedEnd = () => resolve(null)));
      }
      if (cmd === 'scope_folders') return folders;
      if (cmd === 'plugin:dialog|open') return picked;
      throw new Error(`unexpected ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  // The mocked event plugin never reaches the handler above: record on the way in instead.
  const inner = internals().invoke;
  internals().invoke = (cmd, args, options) => {
    calls.push({ cmd, args });
    return inner(cmd, args, options);
  };
  return {
    calls,
    /** The calls that are not the event plugin's. */
    commands: () => calls.filter((c) => !c.cmd.startsWith('plugin:event|')),
    setList: (next: JobInfo[]) => (list = next),
    releaseList: async () => {
      releaseList();
      await flushPromises();
    },
    /** Emits `job-update` as Rust does, then lets Vue catch up. */
    update: async (job: JobInfo) => {
      await emitEvent('jobUpdate', job);
      await flushPromises();
    },
    seedProgress: async (percent: number) => {
      await emitEvent('jobProgress', percent);
      await flushPromises();
    },
    /** Emits `job-done` and lets the `start_job` in flight resolve. */
    seedDone: async () => {
      await emitEvent('jobDone', null);
      const end = seedEnd;
      seedEnd = null;
      end?.();
      await flushPromises();
    },
  };
}
