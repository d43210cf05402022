import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SuiteResult } from './checks';
import { RELOADS, type Counts } from './hygiene';
import { pendingRun, resumeSelfTest, type SelfTestDeps } from './runner';
import { RUN_KEY, saveRun, type RunState } from './session';

beforeEach(() => sessionStorage.clear());

const suite = (id: SuiteResult['id'], passed = true): SuiteResult => ({
  id,
  title: id,
  checks: [{ name: `${id} check`, passed }],
});
const count = (js: number): Counts => ({ js, callbacks: 40, rust: 6 });

function deps(pageCounts: () => Counts) {
  const reload = vi.fn();
  const progress: string[] = [];
  const d: SelfTestDeps = {
    handshake: () => ({ ready: true }),
    label: 'main',
    storage: sessionStorage,
    reload,
    counts: () => Promise.resolve(pageCounts()),
    onProgress: (p) => progress.push(p.check),
  };
  return { d, reload, progress };
}

const started = (): RunState => ({
  finish: true,
  suites: [suite('seeds'), suite('channel'), suite('earlyEvents')],
  hygiene: [{ name: 'mount loop', passed: true }],
  baseline: count(12),
  pages: [],
});

describe('the self-test across reloads', () => {
  it('counts each reloaded page, reloads until the last, then finishes hygiene in suite order', async () => {
    saveRun(sessionStorage, started());
    const { d, reload, progress } = deps(() => count(12));
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
    expect(last.suites[2].checks.map((c) => c.passed)).toEqual([true, true, true]);
    expect(last).toMatchObject({ passed: true, finish: true, summary: { checks: 6, passed: 6, failed: 0 } });
    expect(progress[0]).toBe(`reload 1 of ${RELOADS}: counting listeners`);
  });

  it('fails the run when a reloaded page has more listeners than the first', async () => {
    saveRun(sessionStorage, { ...started(), pages: Array.from({ length: RELOADS - 1 }, () => count(12)) });
    const { d } = deps(() => count(13));
    const last = await resumeSelfTest(d, pendingRun(sessionStorage)!);
    expect(last).toMatchObject({ status: 'done', passed: false, summary: { failed: 1 } });
  });

  it('finds no run in a storage without one, or with a damaged one (which it drops)', () => {
    expect(pendingRun(sessionStorage)).toBeNull();
    sessionStorage.setItem(RUN_KEY, '{not json');
    expect(pendingRun(sessionStorage)).toBeNull();
    expect(sessionStorage.getItem(RUN_KEY)).toBeNull();
  });
});
