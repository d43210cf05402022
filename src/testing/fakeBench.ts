// Test support: a fake Rust side of the bench on `mockIPC` (with its mocked events), the
// `bench:` scheme as a stubbed `fetch`, and a fake clock: `performance.now()` moves only when a
// call "costs" time — each command, each scheme request and each JSON.parse advances it by its
// cost in the table the test gives (in ms), so every figure the bench derives is known exactly. The
// payloads are the real ones (the i % 251 bytes, channel frames, records), and every call is
// recorded. `run_mode` answers what the test sets; `finish_run` is recorded; the kept reports
// live in `kept`, newest first, as Rust keeps them (six at most).
import { vi } from 'vitest';
import { mockConvertFileSrc, mockIPC } from '@tauri-apps/api/mocks';
import { MIXED_SIZES, type KeptReport, type RunModeInfo } from '../api';
import { toBase64 } from '../lib/bytes';
import { TEST_SCALE } from './scale';

type Internals = {
  runCallback: (id: number, data: unknown) => void;
  invoke: (cmd: string, args: unknown, options?: unknown) => Promise<unknown>;
};
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

/** What a call costs on the fake clock, in ms: a command by name, a scheme request by its first path segment. */
export type Costs = Record<string, number>;

/** Costs that are each at least the quick run's 10 ms batch, so every batch is one call. */
export const QUICK_COSTS: Costs = {
  bytes: 10, // fetch GET bench:bytes/…
  noop: 10, // fetch GET bench:noop
  'noop-async': 10,
  bench_noop: 12,
  bench_noop_async: 20,
  bench_bytes: 20,
  echo: 10,
  bench_upload: 8,
  bench_eval: 20,
  bench_channel: 25,
  bench_batched: 10,
  bench_events: 40,
  bench_json: 30,
  bench_json_eval: 20,
  json: 25,
  parse: 10,
  serde: 5,
};

const pattern = (size: number, offset = 0) => Uint8Array.from({ length: size }, (_, i) => (offset + i) % 251);

export const records = (count: number) =>
  Array.from({ length: count }, (_, id) => ({
    id,
    name: `Record ${id}`,
    email: `user${id}@example.com`,
    score: id * 1.25,
    active: id % 3 !== 0,
    tags: ['alpha'],
  }));

/** The count `bench_upload` decodes from a body, as Rust does. */
function uploaded(body: unknown): number {
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength;
  if (typeof body === 'string') return atob(body).length;
  const toIpc = (body as Record<string, () => unknown>)?.['__TAURI_TO_IPC_KEY__'];
  const items = typeof toIpc === 'function' ? toIpc() : body;
  if (!Array.isArray(items)) throw { kind: 'invalidInput', message: 'not a byte array' };
  return items.length;
}

/** Message `index` of a run of `count`, as Rust's `bench::message` builds it. */
export function benchMessage(kind: string, index: number, count: number, size: number): unknown {
  if (kind === 'tagged') return index === count - 1 ? { event: 'end', data: count } : { event: 'data', data: index };
  if (kind === 'json') return size ? [index, 'x'.repeat(size)] : index;
  if (kind === 'raw') return pattern(size, index * size).buffer; // the run's bytes are one pattern payload
  const mixedSize = MIXED_SIZES[index % MIXED_SIZES.length];
  return index % 2 ? benchMessage('json', index, count, mixedSize) : taggedRaw(index, mixedSize);
}

/** A mixed run's raw message: `size` bytes, its sequence number in the first (up to) 4. */
export function taggedRaw(index: number, size: number): ArrayBuffer {
  const bytes = new Uint8Array(size);
  bytes.set(new Uint8Array(new Uint32Array([index]).buffer).subarray(0, Math.min(4, size)));
  return bytes.buffer;
}

/** The frames of a run, as Rust's `bench::batch` makes them: raw messages concatenated, JSON ones in an array. */
export function benchFrames(run: { kind: string; count: number; size: number; batch: number }): unknown[] {
  const out: unknown[] = [];
  const end = run.count;
  for (let first = 0; first < end; first += run.batch) {
    const n = Math.min(run.batch, end - first);
    const messages = Array.from({ length: n }, (_, k) => benchMessage(run.kind, first + k, end, run.size));
    if (n === 1) out.push(messages[0]);
    else if (run.kind === 'raw')
      out.push(new Uint8Array((messages as ArrayBuffer[]).flatMap((m) => [...new Uint8Array(m)])).buffer);
    else out.push(messages);
  }
  return out;
}

export function fakeBench(
  costs: Costs,
  mode: RunModeInfo = {
    suite: null,
    quick: false,
    transport: 'customProtocol',
    pattern: 'brownfield',
    scale: TEST_SCALE,
    platform: 'linux',
    mobile: false,
  },
) {
  let clock = 0;
  const spend = (key: string) => (clock += costs[key] ?? 0);
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  // JSON.parse in the page (the JSON floor) costs `parse` too.
  const parse = JSON.parse;
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    spend('parse');
    return parse(text, reviver) as unknown;
  });
  const calls: { cmd: string; args: unknown }[] = [];
  const finished: { results: unknown; passed: boolean }[] = [];
  const kept: KeptReport[] = [];
  mockConvertFileSrc('linux');

  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      spend(cmd);
      const a = args as Record<string, never>;
      switch (cmd) {
        case 'run_mode':
          return mode;
        case 'finish_run':
          finished.push({ results: a.results, passed: a.passed });
          return null;
        case 'bench_reports':
          return structuredClone(kept);
        case 'save_bench_report': {
          const id = Math.max(0, ...kept.map((r) => r.id)) + 1;
          kept.unshift({ id, savedMs: Date.now(), quick: a.quick, completed: a.completed, results: a.results });
          kept.splice(6);
          return structuredClone(kept[0]);
        }
        case 'bench_noop':
        case 'bench_noop_async':
          return null;
        case 'bench_bytes': {
          const bytes = pattern(a.size, a.offset ?? 0);
          if (a.encoding === 'raw') return bytes.buffer;
          return a.encoding === 'base64' ? toBase64(bytes) : Array.from(bytes);
        }
        case 'bench_upload':
          return uploaded(args);
        case 'bench_channel': {
          const { onMessage, run } = args as {
            onMessage: { id: number };
            run: { kind: string; count: number; size: number; batch: number };
          };
          benchFrames(run).forEach((message, index) => internals().runCallback(onMessage.id, { index, message }));
          return run.count;
        }
        case 'bench_batched': {
          // Frames of up to 1000 messages, as Rust's batch would cut them by size.
          const { onMessage, count } = args as { onMessage: { id: number }; count: number };
          for (let first = 0, index = 0; first < count; first += 1000, index++) {
            const frame = Array.from({ length: Math.min(1000, count - first) }, (_, k) => first + k);
            internals().runCallback(onMessage.id, { index, message: frame });
          }
          return count;
        }
        case 'bench_events':
          return (async () => {
            for (let i = 0; i < a.count; i++)
              await internals().invoke('plugin:event|emit', { event: 'bench-event', payload: i });
            return a.count;
          })();
        case 'bench_eval': {
          const hook = (window as unknown as { __ipcLabBenchEval: (i: number) => void }).__ipcLabBenchEval;
          const callback = a.callback as number | null;
          for (let i = 0; i < a.count; i++) {
            if (callback === null) hook(i);
            else internals().runCallback(callback, { message: i, index: i });
          }
          return a.count;
        }
        case 'bench_json':
          return records(a.records);
        case 'bench_json_eval':
          internals().runCallback(a.callback, records(a.records));
          return a.records;
        case 'bench_serde':
          return (costs.serde ?? 0) * 1e6;
        default:
          throw new Error(`unexpected ${cmd}`);
      }
    },
    { shouldMockEvents: true },
  );

  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    calls.push({ cmd: `fetch ${init?.method ?? 'GET'} ${url}`, args: init?.body });
    const [what, n, offset] = decodeURIComponent(url.replace('bench://localhost/', '')).split('/');
    spend(what);
    if (what === 'bytes') return Promise.resolve(new Response(pattern(Number(n), Number(offset ?? 0))));
    if (what === 'noop' || what === 'noop-async') return Promise.resolve(new Response(''));
    if (what === 'echo') return Promise.resolve(new Response(String((init?.body as Uint8Array).byteLength)));
    if (what === 'json') return Promise.resolve(new Response(JSON.stringify(records(Number(n)))));
    return Promise.resolve(new Response('no such bench resource', { status: 404 }));
  });

  return {
    calls,
    finished,
    kept,
    /** The commands called (no event plugin calls, no fetches). */
    commands: () => calls.filter((c) => !c.cmd.startsWith('fetch') && !c.cmd.startsWith('plugin:')).map((c) => c.cmd),
  };
}
