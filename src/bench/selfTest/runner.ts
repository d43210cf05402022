// The self-test: (1) seed conformance, (2) channel torture, (3) listener hygiene, (4) early
// events. Suites 1, 2 and 4, and the mount loop of 3, run on the run's first page; then the
// page reloads `scale.reloads` times, each page resuming the run from sessionStorage
// (session.ts) and counting its listeners once settled, and the last page finishes suite 3 and
// the run. The scale (how many messages, mounts and reloads) is the one Rust's run mode states.
// A `--self-test` run announces each suite and each reloaded page (`announce`: a log line).
import type { SelfTestScale } from '../../api';
import { channelSuite } from './channelSuite';
import {
  SUITE_TITLES,
  summarize,
  summaryPassed,
  waitUntil,
  type OnCheck,
  type SelfTestSummary,
  type SuiteId,
  type SuiteResult,
} from './checks';
import { earlyEventsSuite, type HandshakeView } from './earlyEvents';
import { liveCounts, mountLoopChecks, reloadChecks, settledCounts, type Counts } from './hygiene';
import { mountProbe } from './probe';
import { seedSuite } from './seedSuite';
import { clearRun, loadRun, saveRun, type RunState } from './session';

export interface SelfTestProgress {
  suite: string;
  check: string;
}

export interface SelfTestDeps {
  /** The startup handshake as this page saw it (with what the app's first page heard). */
  handshake: () => HandshakeView;
  /** This window's label. */
  label: string;
  storage: Storage;
  reload: () => void;
  /** The counts, settled (hygiene.ts). */
  counts?: () => Promise<Counts>;
  onProgress?: (progress: SelfTestProgress) => void;
  /** In a run that ends with finish_run: tells Rust the run reached `suite` (page `reload`). */
  announce?: (suite: SuiteId, reload?: number) => Promise<void>;
}

export type SelfTestStep =
  | { status: 'reloading'; reload: number; of: number }
  | { status: 'done'; suites: SuiteResult[]; summary: SelfTestSummary; passed: boolean; finish: boolean };

/** How long a reloaded page waits for its handshake before counting. */
export const PAGE_READY_MS = 10_000;

const progressFor =
  (deps: SelfTestDeps, suite: string): OnCheck =>
  (check) =>
    deps.onProgress?.({ suite, check });

/** A run stored by an earlier page, to resume (null when there is none). */
export const pendingRun = (storage: Storage) => loadRun(storage);

/** Announces `suite` (page `reload`) when the run ends with finish_run. */
async function announce(deps: SelfTestDeps, finish: boolean, suite: SuiteId, reload?: number) {
  if (finish) await deps.announce?.(suite, reload);
}

/**
 * Starts a run on this page at `scale`; it goes on through reloads (`resumeSelfTest` on each
 * page).
 */
export async function startSelfTest(deps: SelfTestDeps, finish: boolean, scale: SelfTestScale): Promise<SelfTestStep> {
  const counts = deps.counts ?? (() => settledCounts());
  const baseline = await counts();
  await announce(deps, finish, 'seeds');
  const suites = [await seedSuite(progressFor(deps, SUITE_TITLES.seeds))];
  await announce(deps, finish, 'channel');
  suites.push(await channelSuite(progressFor(deps, SUITE_TITLES.channel), scale));
  await announce(deps, finish, 'hygiene');
  const hygiene = await mountLoopChecks(mountProbe, progressFor(deps, SUITE_TITLES.hygiene), liveCounts, scale.mounts);
  await announce(deps, finish, 'earlyEvents');
  suites.push(await earlyEventsSuite(deps.handshake, deps.label, progressFor(deps, SUITE_TITLES.earlyEvents)));
  return reloadNext(deps, { finish, scale, suites, hygiene, baseline, pages: [] });
}

/** Resumes `state` on a reloaded page: counts this page, then reloads again or finishes. */
export async function resumeSelfTest(deps: SelfTestDeps, state: RunState): Promise<SelfTestStep> {
  const { reloads } = state.scale;
  await announce(deps, state.finish, 'hygiene', state.pages.length + 1);
  deps.onProgress?.({
    suite: SUITE_TITLES.hygiene,
    check: `reload ${state.pages.length + 1} of ${reloads}: counting listeners`,
  });
  await waitUntil(() => deps.handshake().ready, PAGE_READY_MS);
  state.pages.push(await (deps.counts ?? (() => settledCounts()))());
  if (state.pages.length < reloads) return reloadNext(deps, state);
  clearRun(deps.storage);
  const hygiene: SuiteResult = {
    id: 'hygiene',
    title: SUITE_TITLES.hygiene,
    checks: [...state.hygiene, ...(await reloadChecks(state.baseline, state.pages, reloads))],
  };
  // In the suites' own order: seeds, channel, hygiene, early events.
  const suites = [
    ...state.suites.filter((s) => s.id !== 'earlyEvents'),
    hygiene,
    ...state.suites.filter((s) => s.id === 'earlyEvents'),
  ];
  const summary = summarize(suites);
  return { status: 'done', suites, summary, passed: summaryPassed(summary), finish: state.finish };
}

function reloadNext(deps: SelfTestDeps, state: RunState): SelfTestStep {
  saveRun(deps.storage, state);
  const { reloads } = state.scale;
  deps.onProgress?.({ suite: SUITE_TITLES.hygiene, check: `reload ${state.pages.length + 1} of ${reloads}` });
  deps.reload();
  return { status: 'reloading', reload: state.pages.length + 1, of: reloads };
}
