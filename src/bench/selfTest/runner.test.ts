import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPECTED_CHECKS, type SuiteResult } from './checks';
import { TEST_SCALE } from '../../testing/scale';
import type { Counts } from './hygiene';
import { pendingRun, resumeSelfTest, type SelfTestDeps } from './runner';
import { RUN_KEY, saveRun, type RunState } from './session';

const RELOADS = TEST_SCALE.reloads;

beforeEach(() => sessionStorage.clear());

/** A suite with as many checks as a run expects of it, the first `passed` or not. */
const suite = (id: SuiteResult['id'], passed = true): SuiteResult => ({
  id,
  title: id,
  checks: Array.from({ length: EXPECTED_CHECKS[id] }, (_, i) => ({
    name: `${id} check ${i}`,
    passed: passed || i > 0,
  })),
});
/** The hygiene checks of the first page: all but the reload loop's 2. */
const mountLoop = (n = EXPECTED_CHECKS.hygiene - 2) =>
  Array.from({ length: n }, (_, i) => ({ name: `mount loop ${i}`, passed: true }));
const TOTAL = Object.values(EXPECTED_CHECKS).reduce((a, b) => a + b);
const count = (js: number): Counts => ({ js, callbacks: 40, rust: 6 });

function deps(pageCounts: () => Counts) {
  const reload = vi.fn();
  const progress: string[] = [];
  const announced: string[] = [];
  const d: SelfTestDeps = {
    handshake: () => ({ ready: true }),
    label: 'main',
    storage: sessionStorage,
    reload,
    counts: () => Promise.resolve(pageCounts()),
    onProgress: (p) => progress.push(p.check),
    announce: (suite, reload) => {
      announced.push(reload === undefined ? suite : `${suite} ${reload}`);
      return Promise.resolve();
    },
  };
  return { d, reload, progress, announced };
}

const started = (): RunState => ({
  finish: true,
  scale: TEST_SCALE,
  suites: [suite('seeds'), suite('channel'), suite('earlyEvents')],
  hygiene: mountLoop(),
  baseline: count(12),
  pages: [],
});

describe('the self-test across reloads', () => {
  it('counts each reloaded page, reloads until the last, then finishes hygiene in suite order', async () => {
    saveRun(sessionStorage, started());
    const { d, reload, progress, announced } = deps(() => count(12));
    for (let page = 1; page < RELOADS; page++) {
      const step = await resumeSelfTest(d, pendingRun(sessionStorage)!);
      expect(step).toEqual({ status: 'reloading', reload: page + 1, of: RELOADS });
      expect(pendingRun(sessionStorage)!.pages).toHaveLength(page);
    }
    expect(reload).toHaveBeenCalledTimes(RELOADS - 1);
    const last = await resumeSelfTest(d, pendingRun(sessionStorage)!);
    expect(reload).toHaveBeenCalledTimes(RELOADS - 1);
    expect(sessionStorage.getItem(RUN_KEY)).toBeNull();
    if (last.status !== 'done') throw new Error('not done');
    expect(last.suites.map((s) => s.id)).toEqual(['seeds', 'channel', 'hygiene', 'earlyEvents']);
    expect(last.suites[2].checks.map((c) => c.passed)).toEqual(Array(EXPECTED_CHECKS.hygiene).fill(true));
    expect(last).toMatchObject({
      passed: true,
      finish: true,
      summary: { checks: TOTAL, passed: TOTAL, failed: 0, expected: TOTAL, incomplete: [] },
    });
    expect(progress[0]).toBe(`reload 1 of ${RELOADS}: counting listeners`);
    // A --self-test run tells Rust of each reloaded page (a log line for a device CI).
    expect(announced).toEqual(Array.from({ length: RELOADS }, (_, i) => `hygiene ${i + 1}`));
    const hygieneChecks = last.suites[2].checks.map((c) => c.name);
    expect(hygieneChecks).toContain(
      `${RELOADS} reloads: each reloaded page has the live listener count the run started with`,
    );
  });

  it('announces nothing in a run started from the view', async () => {
    saveRun(sessionStorage, { ...started(), finish: false });
    const { d, announced } = deps(() => count(12));
    const step = await resumeSelfTest(d, pendingRun(sessionStorage)!);
    expect(step).toEqual({ status: 'reloading', reload: 2, of: RELOADS });
    expect(announced).toEqual([]);
  });

  it('fails the run when a reloaded page has more listeners than the first', async () => {
    saveRun(sessionStorage, { ...started(), pages: Array.from({ length: RELOADS - 1 }, () => count(12)) });
    const { d } = deps(() => count(13));
    const last = await resumeSelfTest(d, pendingRun(sessionStorage)!);
    expect(last).toMatchObject({ status: 'done', passed: false, summary: { failed: 1 } });
  });

  it('fails a run whose checks all passed when fewer ran than expected', async () => {
    saveRun(sessionStorage, {
      ...started(),
      hygiene: mountLoop(1),
      pages: Array.from({ length: RELOADS - 1 }, () => count(12)),
    });
    const { d } = deps(() => count(12));
    const last = await resumeSelfTest(d, pendingRun(sessionStorage)!);
    expect(last).toMatchObject({
      status: 'done',
      passed: false,
      summary: { failed: 0, checks: TOTAL - 2, expected: TOTAL },
    });
  });

  it('finds no run in a storage without one, or with a damaged one (which it drops)', () => {
    expect(pendingRun(sessionStorage)).toBeNull();
    sessionStorage.setItem(RUN_KEY, '{not json');
    expect(pendingRun(sessionStorage)).toBeNull();
    expect(sessionStorage.getItem(RUN_KEY)).toBeNull();
    // Stored without its scale (an older version): it cannot know how many reloads remain.
    const unscaled: Partial<RunState> = started();
    delete unscaled.scale;
    sessionStorage.setItem(RUN_KEY, JSON.stringify(unscaled));
    expect(pendingRun(sessionStorage)).toBeNull();
    expect(sessionStorage.getItem(RUN_KEY)).toBeNull();
  });
});
