// Channel torture through the real `Channel` class, each stream ONE `bench_channel` run:
// `mixed` messages — raw and JSON in turn, sizes straddling the thresholds where Tauri switches
// from `eval` to a fetch the page makes, so they arrive by two paths and out of order — must
// come out strictly in order, exactly once, each its own kind and size; small messages (each
// evaluated in the page) likewise; and a `tagged` run must end with exactly one terminal
// message, the last. How many of each is the run's scale (Rust's `services::bench::scale`:
// 200,000 mixed and 1,000,000 small on desktop, far fewer in an emulator).
//
// Tauri 2.12's own delivery loses messages at this load (2 of 100,000 measured: large messages
// are fetched by invokes with random callback ids, and two can share one). The app delivers
// large frames from its own `frames:` scheme by sequential id and bounds what is in flight
// (src-tauri/src/wiring/channel_frames.rs), so one stream carries them all.
import { benchChannel, type ChannelRun, type SelfTestScale } from '../../api';
import { describe, ensure, sleep, suiteOf, type OnCheck, type SuiteResult } from './checks';
import { readMixed, readNumbers, readTagged, StreamAudit } from './sequence';

/** How long to keep listening after the last message, for any that should not come. */
export const LATE_MS = 500;

/** Runs `run` into `audit`; answers what it failed with (null when it completed). */
async function stream(run: ChannelRun, audit: StreamAudit, lateMs = LATE_MS): Promise<unknown> {
  try {
    await benchChannel(run, audit.deliver);
    if (lateMs) await sleep(lateMs);
    return null;
  } catch (reason) {
    return reason;
  }
}

/** How many messages each stream carries (a scale's `mixed`, `small` and `tagged`). */
export type ChannelCounts = Pick<SelfTestScale, 'mixed' | 'small' | 'tagged'>;

/** The suite, its streams sized by `counts`. */
export async function channelSuite(onCheck: OnCheck | undefined, counts: ChannelCounts): Promise<SuiteResult> {
  const { check, result } = suiteOf('channel', onCheck);
  const mixed = new StreamAudit(readMixed);
  onCheck?.(`streaming ${counts.mixed} mixed messages`);
  const mixedError = await stream({ kind: 'mixed', count: counts.mixed, size: 0, batch: 1 }, mixed);

  await check(`${counts.mixed} mixed messages (raw and JSON, 0 B to 64 KiB) all arrive`, () => {
    ensure(!mixedError, `the run failed: ${describe(mixedError)}`);
    ensure(mixed.received >= counts.mixed, `${mixed.received} arrived`);
  });
  await check('strictly in order and exactly once: message i carries sequence number i', () => {
    ensure(mixed.orderProblems === 0, StreamAudit.tell(mixed.orderProblems, mixed.orderExamples));
    ensure(mixed.received === counts.mixed, `${mixed.received} messages for ${counts.mixed}`);
  });
  await check('each has its kind and size: raw when even, JSON when odd, sizes cycling 0 … 65536', () => {
    // Each of them: a stream cut short is not one whose messages all had their shape.
    ensure(mixed.received >= counts.mixed, `${mixed.received} of ${counts.mixed} messages arrived to check`);
    ensure(mixed.shapeProblems === 0, StreamAudit.tell(mixed.shapeProblems, mixed.shapeExamples));
  });

  const small = new StreamAudit(readNumbers);
  onCheck?.(`streaming ${counts.small} small messages`);
  const smallError = await stream({ kind: 'json', count: counts.small, size: 0, batch: 1 }, small);
  await check(`${counts.small} small messages in one stream: all arrive, in order, exactly once`, () => {
    ensure(!smallError, `the run failed: ${describe(smallError)}`);
    ensure(small.orderProblems === 0, StreamAudit.tell(small.orderProblems, small.orderExamples));
    ensure(small.shapeProblems === 0, StreamAudit.tell(small.shapeProblems, small.shapeExamples));
    ensure(small.received === counts.small, `${small.received} messages for ${counts.small}`);
  });

  const tagged = new StreamAudit(readTagged(counts.tagged));
  onCheck?.(`streaming ${counts.tagged} tagged messages`);
  const taggedError = await stream({ kind: 'tagged', count: counts.tagged, size: 0, batch: 1 }, tagged);

  await check(`${counts.tagged} tagged messages: the data arrives in order`, () => {
    ensure(!taggedError, `the run failed: ${describe(taggedError)}`);
    ensure(tagged.orderProblems === 0, StreamAudit.tell(tagged.orderProblems, tagged.orderExamples));
    ensure(tagged.received === counts.tagged, `${tagged.received} messages for ${counts.tagged}`);
  });
  await check('exactly one terminal message, the last, carrying the count', () => {
    ensure(tagged.terminals.length === 1, `${tagged.terminals.length} terminal messages`);
    ensure(tagged.terminals[0] === counts.tagged - 1, `the terminal message at position ${tagged.terminals[0]}`);
    ensure(tagged.shapeProblems === 0, StreamAudit.tell(tagged.shapeProblems, tagged.shapeExamples));
  });
  return result();
}
