import { describe, expect, it } from 'vitest';
import {
  describe as show,
  ensure,
  EXPECTED_CHECKS,
  runCheck,
  SUITE_TITLES,
  suiteOf,
  summarize,
  summaryPassed,
  waitUntil,
  type SuiteId,
  type SuiteResult,
} from './checks';

describe('checks', () => {
  it('pass unless they throw; an unmet expectation is the detail, another throw says so', async () => {
    expect(await runCheck('fine', () => ensure(1 + 1 === 2, 'arithmetic'))).toEqual({ name: 'fine', passed: true });
    expect(await runCheck('unmet', () => ensure(false, 'saw 3, not 2'))).toEqual({
      name: 'unmet',
      passed: false,
      detail: 'saw 3, not 2',
    });
    const thrown = await runCheck('rejected', () =>
      Promise.reject({ kind: 'timeout', message: 'only 3 of 5 frames arrived' }),
    );
    expect(thrown).toEqual({ name: 'rejected', passed: false, detail: 'threw timeout: only 3 of 5 frames arrived' });
  });

  it('run in order in a suite, announced as they start', async () => {
    const started: string[] = [];
    const suite = suiteOf('channel', (name) => started.push(name));
    await suite.check('a', () => {});
    await suite.check('b', () => ensure(false, 'no'));
    expect(started).toEqual(['a', 'b']);
    expect(suite.result()).toEqual({
      id: 'channel',
      title: 'Channel torture',
      checks: [
        { name: 'a', passed: true },
        { name: 'b', passed: false, detail: 'no' },
      ],
    });
    expect(summarize([suite.result(), suite.result()], { seeds: 0, channel: 4, hygiene: 0, earlyEvents: 0 })).toEqual({
      checks: 4,
      passed: 2,
      failed: 2,
      expected: 4,
      incomplete: [],
    });
  });

  it('pass a run only when every expected check ran: none, or fewer than expected, fail it', () => {
    const passing = (id: SuiteId, n: number): SuiteResult => ({
      id,
      title: SUITE_TITLES[id],
      checks: Array.from({ length: n }, (_, i) => ({ name: `${i}`, passed: true })),
    });
    const whole = (Object.keys(EXPECTED_CHECKS) as SuiteId[]).map((id) => passing(id, EXPECTED_CHECKS[id]));
    expect(summaryPassed(summarize(whole))).toBe(true);
    // Nothing ran: 0 checks, 0 failed.
    const nothing = summarize([]);
    expect(nothing).toMatchObject({
      checks: 0,
      failed: 0,
      expected: Object.values(EXPECTED_CHECKS).reduce((a, b) => a + b),
    });
    expect(summaryPassed(nothing)).toBe(false);
    // One check fewer in one suite, all passed.
    const short = summarize([passing('seeds', EXPECTED_CHECKS.seeds - 1), ...whole.slice(1)]);
    expect(short.incomplete).toEqual([
      `Seed conformance: ${EXPECTED_CHECKS.seeds - 1} of ${EXPECTED_CHECKS.seeds} checks`,
    ]);
    expect(summaryPassed(short)).toBe(false);
    // A suite missing, another with as many more: the total alone would pass.
    const swapped = summarize([
      passing('seeds', EXPECTED_CHECKS.seeds + EXPECTED_CHECKS.earlyEvents),
      ...whole.slice(1, 3),
    ]);
    expect(swapped.checks).toBe(swapped.expected);
    expect(summaryPassed(swapped)).toBe(false);
  });

  it('describe values shortly and wait for conditions with a bound', async () => {
    expect(show(new ArrayBuffer(3))).toBe('an ArrayBuffer of 3 bytes');
    expect(show('x'.repeat(300))).toHaveLength(201);
    let ready = false;
    setTimeout(() => (ready = true), 30);
    await expect(waitUntil(() => ready, 1000)).resolves.toBe(true);
    await expect(waitUntil(() => false, 50)).resolves.toBe(false);
  });
});
