import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { benchFrames } from '../../testing/fakeBench';
import { channelSuite } from './channelSuite';

afterEach(() => clearMocks());

type Run = { kind: string; count: number; size: number; batch: number };
type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

/**
 * Rust's side of bench_channel, with `spoil` changing the frames (as a broken transport would)
 * before they are sent; each frame goes with its index, in reverse order, as fetched frames
 * can arrive — the Channel class must put them back in order.
 */
function channelSide(
  spoil: (frames: unknown[], run: Run) => unknown[] = (f) => f,
  failsAfterSending: Run['kind'] | null = null,
) {
  const runs: Run[] = [];
  mockIPC((cmd, args) => {
    const { onMessage, run } = args as { onMessage: { id: number }; run: Run };
    expect(cmd).toBe('bench_channel');
    runs.push(run);
    const frames = spoil(benchFrames(run), run);
    for (let index = frames.length - 1; index >= 0; index--)
      internals().runCallback(onMessage.id, { index, message: frames[index] });
    if (run.kind === failsAfterSending) throw { kind: 'timeout', message: 'the page took nothing for 10 s' };
    return run.count;
  });
  return runs;
}

const counts = { mixed: 2000, small: 500, tagged: 300 };
const verdicts = (suite: Awaited<ReturnType<typeof channelSuite>>) => suite.checks.map((c) => c.passed);

describe('channel torture', () => {
  it('passes a stream in order, exactly once, of the right kinds and sizes, with one end', async () => {
    const runs = channelSide();
    const started: string[] = [];
    const suite = await channelSuite((name) => started.push(name), counts);
    expect(suite.checks.filter((c) => !c.passed)).toEqual([]);
    expect(suite.checks).toHaveLength(6);
    // Each stream in one run.
    expect(runs).toEqual([
      { kind: 'mixed', count: 2000, size: 0, batch: 1 },
      { kind: 'json', count: 500, size: 0, batch: 1 },
      { kind: 'tagged', count: 300, size: 0, batch: 1 },
    ]);
    expect(started).toContain('streaming 2000 mixed messages');
    expect(started).toContain('streaming 500 small messages');
  });

  it('fails "in order" when two messages trade places', async () => {
    channelSide((frames, run) => {
      if (run.kind !== 'mixed') return frames;
      const out = [...frames];
      [out[100], out[118]] = [out[118], out[100]]; // both raw of 1 B: only their numbers tell
      return out;
    });
    const suite = await channelSuite(undefined, counts);
    expect(verdicts(suite)).toEqual([true, false, true, true, true, true]);
    expect(suite.checks[1].detail).toBe('2 problems, e.g. sequence 118 at position 100; sequence 100 at position 118');
  });

  it('fails "exactly once" on a duplicate, and the sizes on a resized message', async () => {
    channelSide((frames, run) => {
      if (run.kind !== 'mixed') return frames;
      const out = [...frames];
      out[11] = [11, 'x'.repeat(10)]; // JSON of 1023 characters due
      return [...out, out[1999]]; // message 1999 twice: one more than the count
    });
    const suite = await channelSuite(undefined, counts);
    expect(verdicts(suite)).toEqual([true, false, false, true, true, true]);
    expect(suite.checks[1].detail).toBe('1 problem, e.g. sequence 1999 at position 2000');
    expect(suite.checks[2].detail).toMatch(
      /^2 problems, e\.g\. JSON array at position 11 is not 1023 characters of JSON; /,
    );
  });

  it('fails the terminal check when the end comes twice', async () => {
    channelSide((frames, run) => (run.kind === 'tagged' ? [...frames, { event: 'end', data: run.count }] : frames));
    const suite = await channelSuite(undefined, counts);
    expect(verdicts(suite)).toEqual([true, true, true, true, false, false]);
    expect(suite.checks[5].detail).toBe('2 terminal messages');
  });

  // A run that ended early (here: Rust answered timeout).
  it('fails "each has its kind and size" when no message arrives', async () => {
    channelSide((frames, run) => (run.kind === 'mixed' ? [] : frames), 'mixed');
    const suite = await channelSuite(undefined, counts);
    expect(suite.checks[2]).toMatchObject({ passed: false, detail: '0 of 2000 messages arrived to check' });
  });

  it('fails "each has its kind and size" when only some arrive, all well shaped', async () => {
    channelSide((frames, run) => (run.kind === 'mixed' ? frames.slice(0, 10) : frames), 'mixed');
    const suite = await channelSuite(undefined, counts);
    expect(suite.checks[2]).toMatchObject({ passed: false, detail: '10 of 2000 messages arrived to check' });
  });

  it('fails the small stream when one message is lost and another comes twice', async () => {
    channelSide((frames, run) => (run.kind === 'json' ? frames.map((f, i) => (i === 250 ? frames[249] : f)) : frames));
    const suite = await channelSuite(undefined, counts);
    expect(verdicts(suite)).toEqual([true, true, true, false, true, true]);
    expect(suite.checks[3].detail).toMatch(/^1 problem, e\.g\. sequence 249 at position 250/);
  });
});
