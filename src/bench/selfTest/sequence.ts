// The channel torture's bookkeeping: what message i of a `mixed` or `tagged` bench_channel run
// must be (as Rust's `bench::message` builds it), and an audit of a stream against it: how many
// arrived, and how many were out of place (their sequence number is not their position: a
// reorder, a duplicate or a gap shifts what follows) or of the wrong kind or size. It keeps the
// first few problems of each sort as examples, and never the messages.
import { MIXED_SIZES, type BenchMessage } from '../../api';

/** What was wrong with one message: its place in the stream, its shape (null: nothing). */
export interface Reading {
  order: string | null;
  shape: string | null;
  /** The stream's terminal message (tagged runs). */
  terminal?: boolean;
}

export type Reader = (message: BenchMessage, index: number) => Reading;

/** Message `index` of a mixed run: raw when even, JSON when odd, its size from the cycle. */
export function mixedExpectation(index: number): { kind: 'raw' | 'json'; size: number } {
  return { kind: index % 2 ? 'json' : 'raw', size: MIXED_SIZES[index % MIXED_SIZES.length] };
}

const kindOf = (message: unknown) =>
  message instanceof ArrayBuffer ? 'raw ArrayBuffer' : Array.isArray(message) ? 'JSON array' : `JSON ${typeof message}`;

/** The sequence number in a raw message's first (up to) 4 bytes, little-endian, and how many bytes held it. */
function rawSequence(bytes: Uint8Array): { value: number; bytes: number } {
  const n = Math.min(4, bytes.length);
  let value = 0;
  for (let i = n - 1; i >= 0; i--) value = value * 256 + bytes[i];
  return { value, bytes: n };
}

/** A JSON message's sequence number: the number itself, or the first item of `[seq, text]`. */
function jsonSequence(message: unknown): number | null {
  if (typeof message === 'number') return message;
  return Array.isArray(message) && typeof message[0] === 'number' ? message[0] : null;
}

const misplaced = (seq: number, index: number) => (seq === index ? null : `sequence ${seq} at position ${index}`);

/** Reads message `index` of a mixed run. A raw message under 4 bytes carries only the low bytes of its number (none at 0 B). */
export const readMixed: Reader = (message, index) => {
  const { kind, size } = mixedExpectation(index);
  if (message instanceof ArrayBuffer) {
    const bytes = new Uint8Array(message);
    const seq = rawSequence(bytes);
    const expected = seq.bytes === 4 ? index : index % 2 ** (8 * seq.bytes);
    const order = seq.bytes && seq.value !== expected ? `sequence ${seq.value} at position ${index}` : null;
    const shape =
      kind !== 'raw'
        ? `a raw ArrayBuffer at position ${index}, where JSON was due`
        : bytes.length === size
          ? null
          : `${bytes.length} raw bytes at position ${index}, not ${size}`;
    return { order, shape };
  }
  const seq = jsonSequence(message);
  const order = seq === null ? `no sequence number at position ${index}` : misplaced(seq, index);
  if (kind !== 'json') return { order, shape: `a ${kindOf(message)} at position ${index}, where raw was due` };
  const text = Array.isArray(message) ? message[1] : undefined;
  const length =
    size === 0
      ? typeof message === 'number'
        ? 0
        : -1
      : typeof text === 'string' && /^x*$/.test(text)
        ? text.length
        : -1;
  return {
    order,
    shape: length === size ? null : `${kindOf(message)} at position ${index} is not ${size} characters of JSON`,
  };
};

/** Reads message `index` of a small JSON run: the number `index` itself. */
export const readNumbers: Reader = (message, index) =>
  typeof message === 'number'
    ? { order: misplaced(message, index), shape: null }
    : { order: null, shape: `${kindOf(message)} at position ${index}, where a number was due` };

/** Reads message `index` of a tagged run of `count`: `data` with its sequence number, then one `end` with the count. */
export function readTagged(count: number): Reader {
  return (message, index) => {
    const tagged = message as { event?: unknown; data?: unknown };
    if (tagged?.event === 'end') {
      const place = index === count - 1 ? null : `the end at position ${index}, of ${count}`;
      const shape = tagged.data === count ? null : `the end carries ${describeData(tagged.data)}, not ${count}`;
      return { order: place, shape, terminal: true };
    }
    if (tagged?.event !== 'data' || typeof tagged.data !== 'number') {
      return { order: null, shape: `${kindOf(message)} at position ${index} is not { event: 'data', data }` };
    }
    const order =
      index >= count - 1
        ? `data ${tagged.data} at position ${index}, where the end was due`
        : misplaced(tagged.data, index);
    return { order, shape: null };
  };
}

const describeData = (data: unknown) => JSON.stringify(data) ?? String(data);

/** Examples kept per sort of problem. */
export const EXAMPLES = 3;

export class StreamAudit {
  received = 0;
  orderProblems = 0;
  shapeProblems = 0;
  /** Positions of the terminal messages seen. */
  terminals: number[] = [];
  readonly orderExamples: string[] = [];
  readonly shapeExamples: string[] = [];

  constructor(private readonly read: Reader) {}

  /** Audits the next message (pass this as the channel's handler). */
  readonly deliver = (message: BenchMessage) => {
    const reading = this.read(message, this.received);
    if (reading.terminal) this.terminals.push(this.received);
    if (reading.order !== null && this.orderProblems++ < EXAMPLES) this.orderExamples.push(reading.order);
    if (reading.shape !== null && this.shapeProblems++ < EXAMPLES) this.shapeExamples.push(reading.shape);
    this.received++;
  };

  /** "n problems, e.g. …" for a kind of problem. */
  static tell(problems: number, examples: string[]): string {
    return `${problems} problem${problems === 1 ? '' : 's'}, e.g. ${examples.join('; ')}`;
  }
}
