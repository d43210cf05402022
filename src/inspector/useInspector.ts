// The Inspector's state for the page: while it is open and not paused, the tap (tap.ts) logs
// every invoke with the transport that carried it, every event a listener hears and every
// channel's messages into a ring of the last 500 entries; closed or paused, the tap is off and
// costs nothing. The view re-reads the ring at most ten times a second.
import { computed, ref } from 'vue';
import { setTap, type Tap } from '../api/tap';
import { describe, outcomeOf, Ring, secretAnswer, type LogEntry } from './log';

export const CAPACITY = 500;
const IPC_URL = /^(ipc:|https?:\/\/ipc\.localhost\/)/;

const ring = new Ring(CAPACITY);
const version = ref(0);
const paused = ref(false);
let attached = 0;
let seq = 0;
let flush: ReturnType<typeof setTimeout> | undefined;

function changed() {
  flush ??= setTimeout(() => {
    flush = undefined;
    version.value++;
  }, 100);
}

const windowLabel = () =>
  (window as unknown as { __TAURI_INTERNALS__?: { metadata?: { currentWindow?: { label?: string } } } })
    .__TAURI_INTERNALS__?.metadata?.currentWindow?.label ?? 'main';

function add(entry: Omit<LogEntry, 'seq' | 'window' | 'startMs'>): LogEntry {
  const full: LogEntry = { seq: ++seq, window: windowLabel(), startMs: performance.now(), ...entry };
  ring.push(full);
  changed();
  return full;
}

/** The invoke being handed to Tauri right now: an `ipc:` fetch made meanwhile is its transport. */
let sending: LogEntry | null = null;
/** The id of a `Channel` argument (it serializes as `__CHANNEL__:<id>`). */
function channelId(value: unknown): number | undefined {
  const serialize = (value as { toJSON?: unknown } | null)?.toJSON;
  if (typeof serialize !== 'function') return;
  const match = /^__CHANNEL__:(\d+)$/.exec(String((serialize as () => unknown).call(value)));
  return match ? Number(match[1]) : undefined;
}

/** The command each channel was handed to, and each channel's entry. */
const channelOwners = new Map<number, string>();
const channelEntries = new Map<number, LogEntry>();

const tap: Tap = {
  call(cmd, args) {
    if (args && typeof args === 'object' && !ArrayBuffer.isView(args) && !(args instanceof ArrayBuffer)) {
      for (const value of Object.values(args)) {
        const id = channelId(value);
        if (id !== undefined) channelOwners.set(id, cmd);
      }
    }
    const entry = add({ kind: 'invoke', name: cmd, request: describe(args), outcome: 'pending' });
    sending = entry;
    const settle = (outcome: string, answer: unknown, secret: boolean) => {
      entry.outcome = outcome;
      entry.response = describe(answer, secret);
      entry.durationMs = performance.now() - entry.startMs;
      changed();
    };
    return {
      sent() {
        sending = null;
        entry.transport ??= 'postMessage';
      },
      ok: (answer) => settle('ok', answer, secretAnswer(cmd)),
      failed: (reason) => settle(outcomeOf(reason), reason, false),
    };
  },
  callback(data) {
    if (typeof data !== 'object' || data === null || !('event' in data) || typeof data.event !== 'string') return;
    add({
      kind: 'event',
      name: data.event,
      response: describe('payload' in data ? data.payload : undefined),
      outcome: 'ok',
    });
  },
  channel(channel, message) {
    const known = channelEntries.get(channel.id);
    const described = describe(message);
    if (known && ring.holds(known)) {
      known.messages = (known.messages ?? 0) + 1;
      known.response = { ...described, size: (known.response?.size ?? 0) + described.size };
      known.durationMs = performance.now() - known.startMs;
      changed();
      return;
    }
    const name = channelOwners.get(channel.id) ?? 'channel';
    channelEntries.set(channel.id, add({ kind: 'channel', name, response: described, outcome: 'ok', messages: 1 }));
  },
};

/** While the tap is on, `ipc:` fetches (Tauri's custom protocol) tell which call they carry. */
function watchFetch(): () => void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called unbound
  const original = window.fetch;
  const real = original.bind(window);
  const watching: typeof window.fetch = (input, init) => {
    const entry = sending;
    const answer = real(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (entry && IPC_URL.test(url)) {
      entry.transport = 'customProtocol';
      // A failed `ipc:` fetch makes Tauri send the call again over postMessage (ipc-protocol.js).
      answer.catch(() => {
        entry.transport = 'postMessage';
        changed();
      });
    }
    return answer;
  };
  window.fetch = watching;
  return () => {
    if (window.fetch === watching) window.fetch = original;
  };
}

let unwatchFetch: (() => void) | null = null;
function sync() {
  const on = attached > 0 && !paused.value;
  if (on && !unwatchFetch) {
    unwatchFetch = watchFetch();
    setTap(tap);
  } else if (!on && unwatchFetch) {
    setTap(null);
    unwatchFetch();
    unwatchFetch = null;
  }
}

export function useInspector() {
  const entries = computed(() => {
    void version.value;
    return [...ring.entries];
  });
  const dropped = computed(() => {
    void version.value;
    return ring.dropped;
  });
  return {
    entries,
    dropped,
    paused,
    /** Turns the tap on for as long as the caller shows the log (call the answer to stop). */
    attach() {
      attached++;
      sync();
      return () => {
        attached--;
        sync();
      };
    },
    setPaused(value: boolean) {
      paused.value = value;
      sync();
    },
    clear() {
      ring.clear();
      channelEntries.clear();
      version.value++;
    },
    /** The log as JSON, for a bug report (the previews are already redacted). */
    exportJson: () => JSON.stringify({ capacity: CAPACITY, dropped: ring.dropped, entries: ring.entries }, null, 2),
  };
}
