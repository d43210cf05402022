// Waiting for what a Channel, an event or an eval carries. A command that streams on a Channel
// answers once Rust has *sent* its last message; Tauri sends large messages by a fetch the page
// makes, so they are still arriving then. A caller says how much it expects once it knows, and
// waits for it — rejected with `timeout` when nothing arrives for a while (a stall, not a slow
// stream).
import { Channel } from '@tauri-apps/api/core';
import { AppError } from './errors';

/** How long a stream may go without a message, while its caller waits, before it counts as stalled. */
export const STALL_MS = 30_000;

// #region recipe:channel-frames
export interface Arrivals<T> {
  /** Hands a message to the handler and counts it. */
  deliver: (message: T) => void;
  /**
   * Resolves once `expected` has arrived (in the unit `measure` counts: messages, or bytes);
   * rejects `timeout` when nothing arrives for `stallMs`. `what` names the unit in the error.
   */
  arrived: (expected: number, what?: string, stallMs?: number) => Promise<void>;
}
// #endregion recipe:channel-frames

/** Counts what is delivered (each message as `measure(message)`, 1 by default) for `arrived`. */
export function arrivals<T>(onMessage: (message: T) => void, measure: (message: T) => number = () => 1): Arrivals<T> {
  let received = 0;
  let expected = Infinity;
  let done: (() => void) | null = null;

  function deliver(message: T) {
    onMessage(message);
    received += measure(message);
    if (received >= expected) done?.();
  }

  function arrived(total: number, what = 'messages', stallMs = STALL_MS): Promise<void> {
    expected = total;
    if (received >= expected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let seen = received;
      // One timer for the whole wait, not one per message: the bench times these streams.
      const timer = setInterval(() => {
        if (received === seen) {
          clearInterval(timer);
          done = null;
          reject(new AppError('timeout', `only ${received} of ${expected} ${what} arrived`));
        }
        seen = received;
      }, stallMs);
      done = () => {
        clearInterval(timer);
        done = null;
        resolve();
      };
    });
  }

  return { deliver, arrived };
}

// #region recipe:channel-frames
export interface MeteredChannel<T> extends Pick<Arrivals<T>, 'arrived'> {
  /** Pass this to the command. */
  channel: Channel<T>;
}

/** A Channel whose messages go to `onMessage` in order, counted as `arrivals` counts them. */
export function meteredChannel<T>(
  onMessage: (message: T) => void,
  measure?: (message: T) => number,
): MeteredChannel<T> {
  const counter = arrivals(onMessage, measure);
  return { channel: new Channel<T>(counter.deliver), arrived: counter.arrived };
}
// #endregion recipe:channel-frames

// #region recipe:channel-batched
/**
 * A Channel for a command that batches its messages (Rust's `BatchedChannel<T>`: each frame is
 * an array of messages): each message goes to `onMessage` in order, and `arrived` counts
 * messages, not frames.
 */
export function batchedChannel<T>(onMessage: (message: T) => void): MeteredChannel<T[]> {
  return meteredChannel<T[]>(
    (frame) => frame.forEach(onMessage),
    (frame) => frame.length,
  );
}
// #endregion recipe:channel-batched
