// The first page of a run: the suites run at the run mode's scale, and a --self-test run
// announces each suite before it starts. The suites themselves are tested in their own files;
// here they stand in, recording what they were asked to do.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_SCALE } from '../../testing/scale';
import type { SuiteResult } from './checks';
import type { Counts } from './hygiene';
import { pendingRun, startSelfTest, type SelfTestDeps } from './runner';

const order: string[] = [];
const suite = (id: SuiteResult['id']): SuiteResult => ({ id, title: id, checks: [] });

vi.mock('./seedSuite', () => ({
  seedSuite: () => (order.push('seeds ran'), Promise.resolve(suite('seeds'))),
}));
vi.mock('./channelSuite', () => ({
  channelSuite: (_: unknown, counts: unknown) => (
    order.push(`channel ran with ${JSON.stringify(counts)}`),
    Promise.resolve(suite('channel'))
  ),
}));
vi.mock('./earlyEvents', () => ({
  earlyEventsSuite: () => (order.push('early events ran'), Promise.resolve(suite('earlyEvents'))),
}));
vi.mock('./hygiene', async (actual) => ({
  ...(await actual<typeof import('./hygiene')>()),
  mountLoopChecks: (_mount: unknown, _onCheck: unknown, _read: unknown, mounts: number) => (
    order.push(`${mounts} mounts`),
    Promise.resolve([])
  ),
}));

beforeEach(() => {
  order.length = 0;
  sessionStorage.clear();
});

function deps() {
  const counts: Counts = { js: 3, callbacks: 4, rust: 5 };
  const d: SelfTestDeps = {
    handshake: () => ({ ready: true }),
    label: 'main',
    storage: sessionStorage,
    reload: vi.fn(),
    counts: () => Promise.resolve(counts),
    announce: (suite) => (order.push(`announced ${suite}`), Promise.resolve()),
  };
  return d;
}

describe("a run's first page", () => {
  it('runs each suite at the scale given, announcing it first, and keeps the scale for the reloads', async () => {
    const step = await startSelfTest(deps(), true, TEST_SCALE);
    expect(order).toEqual([
      'announced seeds',
      'seeds ran',
      'announced channel',
      `channel ran with ${JSON.stringify(TEST_SCALE)}`,
      'announced hygiene',
      `${TEST_SCALE.mounts} mounts`,
      'announced earlyEvents',
      'early events ran',
    ]);
    expect(step).toEqual({ status: 'reloading', reload: 1, of: TEST_SCALE.reloads });
    expect(pendingRun(sessionStorage)?.scale).toEqual(TEST_SCALE);
  });

  it('announces nothing when started from the view', async () => {
    await startSelfTest(deps(), false, TEST_SCALE);
    expect(order.filter((line) => line.startsWith('announced'))).toEqual([]);
  });
});
