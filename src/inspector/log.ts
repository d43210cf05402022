// The Inspector's log: what one IPC call, event or channel looks like in it, and the ring that
// keeps the last entries. What leaves the page is described by size and encoding, with a short
// preview; secrets never enter: a value under a key that names a password, token or secret,
// any answer of a command whose name says token, and every raw body show as sizes only.

export type Encoding = 'json' | 'raw' | 'base64' | 'none';
export type Transport = 'customProtocol' | 'postMessage';

export interface Described {
  encoding: Encoding;
  /** Bytes for raw data; characters of the JSON text otherwise. */
  size: number;
  /** At most PREVIEW characters of the JSON, secrets replaced by their size. */
  preview: string;
}

export interface LogEntry {
  seq: number;
  kind: 'invoke' | 'event' | 'channel';
  /** The command, the event, or the command a channel was handed to. */
  name: string;
  window: string;
  /** `performance.now()` when it started (a channel: its first message). */
  startMs: number;
  /** Until it settled (a channel: its last message so far). */
  durationMs?: number;
  transport?: Transport;
  request?: Described;
  response?: Described;
  /** `pending`, `ok`, or the error's `kind`. */
  outcome: string;
  /** A channel's messages so far. */
  messages?: number;
}

export const PREVIEW = 160;
const SECRET_KEY = /pass(word)?|token|secret|credential/i;
const BASE64 = /^[A-Za-z0-9+/]{64,}={0,2}$/;

/** `value` with every secret replaced by its size, channels by their id, bytes by their length. */
export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return `‹${value.byteLength} bytes›`;
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '‹…›';
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => redact(item, depth + 1));
  // A Channel (`__CHANNEL__:<id>`), a Date…: as it goes over the IPC.
  const serialize = (value as { toJSON?: unknown }).toJSON;
  if (typeof serialize === 'function') return (serialize as () => unknown).call(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY.test(key)
        ? `‹hidden: ${typeof item === 'string' ? item.length : '?'} chars›`
        : redact(item, depth + 1),
    ]),
  );
}

/** Size, encoding and a redacted preview of data crossing the IPC (`secret`: sizes only). */
export function describe(value: unknown, secret = false): Described {
  if (value === undefined) return { encoding: 'none', size: 0, preview: '' };
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return { encoding: 'raw', size: value.byteLength, preview: '' };
  }
  const text = JSON.stringify(value) ?? '';
  const encoding = typeof value === 'string' && BASE64.test(value) ? 'base64' : 'json';
  if (secret || encoding === 'base64') return { encoding, size: text.length, preview: '' };
  const preview = JSON.stringify(redact(value)) ?? '';
  return { encoding, size: text.length, preview: preview.length > PREVIEW ? `${preview.slice(0, PREVIEW)}…` : preview };
}

/** Whether a command's answers are secret as a whole (a token it hands out). */
export const secretAnswer = (cmd: string) => /token|login|password/i.test(cmd);

/** The outcome of a rejection: the typed error's kind, or `error`. */
export function outcomeOf(reason: unknown): string {
  if (typeof reason === 'object' && reason !== null && 'kind' in reason && typeof reason.kind === 'string') {
    return reason.kind;
  }
  return 'error';
}

/** The last `capacity` entries, oldest first; counts what it dropped. */
export class Ring {
  private items: LogEntry[] = [];
  dropped = 0;
  constructor(readonly capacity: number) {}

  push(entry: LogEntry) {
    this.items.push(entry);
    if (this.items.length > this.capacity) {
      this.items.splice(0, this.items.length - this.capacity);
      this.dropped++;
    }
  }

  /** Whether `entry` is still kept (entries come in `seq` order). */
  holds(entry: LogEntry): boolean {
    return this.items.length > 0 && entry.seq >= this.items[0].seq;
  }

  clear() {
    this.items = [];
    this.dropped = 0;
  }

  get entries(): readonly LogEntry[] {
    return this.items;
  }
}
