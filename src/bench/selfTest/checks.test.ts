import { describe, expect, it } from 'vitest';
import { describe as show, ensure, runCheck, suiteOf, summarize, waitUntil } from './checks';

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
    expect(summarize([suite.result(), suite.result()])).toEqual({ checks: 4, passed: 2, failed: 2 });
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
