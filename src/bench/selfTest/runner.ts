// The self-test: (1) seed conformance, (2) channel torture, (3) listener hygiene, (4) early
// events. Suites 1, 2 and 4, and the mount loop of 3, run on the run's first page; then the
// page reloads RELOADS times, each page resuming the run from sessionStorage (session.ts) and
// counting its listeners once settled, and the last page finishes suite 3 and the run.
import { channelSuite } from './channelSuite';
import {
  SUITE_TITLES,
  summarize,
  summaryPassed,
  waitUntil,
  type OnCheck,
  type SelfTestSummary,
  type SuiteResult,
} from './checks';
import { earlyEventsSuite, type HandshakeView } from './earlyEvents';
import { mountLoopChecks, reloadChecks, RELOADS, settledCounts, type Counts } from './hygiene';
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

/** Starts a run on this page; it goes on through reloads (`resumeSelfTest` on each page). */
export async function startSelfTest(deps: SelfTestDeps, finish: boolean): Promise<SelfTestStep> {
  const counts = deps.counts ?? (() => settledCounts());
  const baseline = await counts();
  const suites = [
    await seedSuite(progressFor(deps, SUITE_TITLES.seeds)),
    await channelSuite(progressFor(deps, SUITE_TITLES.channel)),
  ];
  const hygiene = await mountLoopChecks(mountProbe, progressFor(deps, SUITE_TITLES.hygiene));
  suites.push(await earlyEventsSuite(deps.handshake, deps.label, progressFor(deps, SUITE_TITLES.earlyEvents)));
  return reloadNext(deps, { finish, suites, hygiene, baseline, pages: [] });
}

/** Resumes `state` on a reloaded page: counts this page, then reloads again or finishes. */
export async function resumeSelfTest(deps: SelfTestDeps, state: RunState): Promise<SelfTestStep> {
  deps.onProgress?.({
    suite: SUITE_TITLES.hygiene,
    check: `reload ${state.pages.length + 1} of ${RELOADS}: counting listeners`,
  });
  await waitUntil(() => deps.handshake().ready, PAGE_READY_MS);
  state.pages.push(await (deps.counts ?? (() => settledCounts()))());
  if (state.pages.length < RELOADS) return reloadNext(deps, state);
  clearRun(deps.storage);
  const hygiene: SuiteResult = {
    id: 'hygiene',
    title: SUITE_TITLES.hygiene,
    checks: [...state.hygiene, ...(await reloadChecks(state.baseline, state.pages))],
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
  deps.onProgress?.({ suite: SUITE_TITLES.hygiene, check: `reload ${state.pages.length + 1} of ${RELOADS}` });
  deps.reload();
  return { status: 'reloading', reload: state.pages.length + 1, of: RELOADS };
}
