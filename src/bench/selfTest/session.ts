// A self-test run across page reloads: its state lives in sessionStorage, which a reload keeps,
// so each page of the reload loop picks the run up where the last page left it.
import type { SelfTestScale } from '../../api';
import type { CheckResult, SuiteResult } from './checks';
import type { Counts } from './hygiene';

export const RUN_KEY = 'ipc-lab:self-test';

export interface RunState {
  /** End with finish_run (a `--self-test` run of the app). */
  finish: boolean;
  /** The counts the run started with (how many reloads it makes). */
  scale: SelfTestScale;
  /** The suites done before the reload loop. */
  suites: SuiteResult[];
  /** The hygiene checks done before the reload loop; its own checks join them at the end. */
  hygiene: CheckResult[];
  /** The counts when the run started, on its first page. */
  baseline: Counts;
  /** The counts on each reloaded page, once it had settled. */
  pages: Counts[];
}

export function loadRun(storage: Storage): RunState | null {
  const text = storage.getItem(RUN_KEY);
  if (text === null) return null;
  try {
    const state = JSON.parse(text) as RunState;
    // A run without its scale (stored by an older version) cannot know how far it has come.
    if (Number.isInteger(state?.scale?.reloads)) return state;
  } catch {
    // not JSON: dropped below
  }
  storage.removeItem(RUN_KEY);
  return null;
}

export const saveRun = (storage: Storage, state: RunState) => storage.setItem(RUN_KEY, JSON.stringify(state));
export const clearRun = (storage: Storage) => storage.removeItem(RUN_KEY);
