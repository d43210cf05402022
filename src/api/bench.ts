// The bench's and the self-test's calls into Rust, and the floors they are measured against.
// Bench commands: invoke round trips (sync and async no-ops), bytes both ways in three
// encodings, channel frames, events, structured JSON. Floors: the `bench:` URI scheme fetched
// from the page (the webview's own transport), and the `eval` hook Rust calls for the bare eval
// rate. Also how the app was started (`--bench`, `--self-test`) and the report ending such a run.
import { SERIALIZE_TO_IPC_FN, convertFileSrc, invoke, transformCallback, type InvokeArgs } from '@tauri-apps/api/core';
import { version as apiVersion } from '@tauri-apps/api/package.json';
import {
  commands,
  type BenchEncoding,
  type ChannelRun,
  type FrameKind,
  type Record as BenchRecord,
  type RunModeInfo,
  type SavedBenchReport,
  type SelfTestScale,
  type SelfTestSuite,
  type Suite,
} from '../../gen/bindings';
import { fromBase64, toBase64 } from '../lib/bytes';
import { call } from './call';
import { AppError, type ErrorKind } from './errors';
import { listenEvent } from './events';
import type { BenchResults } from '../bench/report';
import { rememberPlatform } from './platform';
import { arrivals, batchedChannel, meteredChannel } from './stream';

export type { BenchEncoding, BenchRecord, ChannelRun, FrameKind, RunModeInfo, SelfTestScale, SelfTestSuite, Suite };

/** The @tauri-apps/api version this page was built with (for the bench report). */
export const TAURI_API_VERSION: string = apiVersion;

/** Every encoding `bench_bytes` and `bench_upload` know, as a page would name it. */
export const ENCODING_LABELS = {
  jsonArray: 'JSON number array',
  base64: 'base64 string',
  raw: 'raw ArrayBuffer',
} as const satisfies Record<BenchEncoding, string>;

export const BENCH_ENCODINGS = Object.keys(ENCODING_LABELS) as BenchEncoding[];

/** The most bytes one bench call moves (Rust's `bench::MAX_BYTES`). */
export const BENCH_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The sizes a `mixed` channel run cycles through (Rust's `MIXED_SIZES`): around Tauri's
 * thresholds for delivering a channel message by `eval` (raw < 1024 B, JSON < 8192 B) or by a
 * fetch the page makes.
 */
export const MIXED_SIZES = [0, 1, 1023, 1024, 1025, 8191, 8192, 8193, 65536] as const;

/**
 * How this run of the app was started: `--bench [--quick]`, `--self-test [--scale …]`, or
 * neither; the counts the self-test runs with (its scale: full, or sized for an emulator); the
 * transport of this call; and the platform (remembered for `isMobile`).
 */
export async function runMode(): Promise<RunModeInfo> {
  const info = await call(commands.runMode());
  rememberPlatform(info);
  return info;
}

/**
 * Has Rust log that a `--self-test` run reached `suite` (or page `reload` of the reload loop),
 * one line a device CI shows. Outside such a run it rejects `permissionDenied`.
 */
export const runProgress = (suite: SelfTestSuite, reload?: number) => call(commands.runProgress(suite, reload ?? null));

/**
 * Ends a `--bench` or `--self-test` run: Rust writes the report with `results` and exits 0 when
 * `passed`, 1 otherwise. Outside such a run it rejects `permissionDenied`.
 */
export const finishRun = (results: unknown, passed: boolean) => call(commands.finishRun(results, passed));

/**
 * A bench report kept on this device: when (Rust's clock, never NaN), how the run went, and
 * its results.
 */
export type KeptReport = Omit<SavedBenchReport, 'savedMs' | 'results'> & { savedMs: number; results: BenchResults };

/** The bench reports kept on this device, newest first (at most six). */
export const benchReports = () => call(commands.benchReports()) as Promise<KeptReport[]>;

/**
 * Keeps a run's results as the newest report of this device (the oldest of seven goes); a
 * report over 1 MiB of JSON rejects `invalidInput`.
 */
export const saveBenchReport = (results: BenchResults, quick: boolean, completed: boolean) =>
  call(commands.saveBenchReport(results, quick, completed)) as Promise<KeptReport>;

/** A synchronous no-op (on Rust's main thread): the invoke round trip alone. */
export const benchNoop = () => call(commands.benchNoop());
/** An async no-op (on the async runtime). */
export const benchNoopAsync = () => call(commands.benchNoopAsync());

type Encoded = { jsonArray: number[]; base64: string; raw: ArrayBuffer };

/** `bench_bytes`: `size` bytes (byte i is (offset + i) % 251) as Rust encodes them. */
export function benchBytes<E extends BenchEncoding>(size: number, encoding: E, offset?: number): Promise<Encoded[E]> {
  return call(commands.benchBytes(size, encoding, offset ?? null)) as Promise<Encoded[E]>;
}

/** `bench_bytes` decoded to bytes in hand: what a page that uses them pays for the encoding. */
export async function receiveBytes(size: number, encoding: BenchEncoding, offset?: number): Promise<Uint8Array> {
  const payload: ArrayBuffer | number[] | string = await benchBytes(size, encoding, offset);
  if (payload instanceof ArrayBuffer) return new Uint8Array(payload);
  if (typeof payload === 'string') return fromBase64(payload);
  return Uint8Array.from(payload);
}

/**
 * The body `bench_upload` gets for `bytes`: the bytes (raw), a JSON number array, or a base64
 * string. Tauri sends a top-level Array as a raw body (as its text, "0,1,2…"), so the JSON
 * array goes as an object that serializes itself to the array (`SERIALIZE_TO_IPC_FN`, Tauri's
 * hook for a value's IPC form): the body is then the JSON text `[0,1,2,…]`.
 */
export function uploadBody(bytes: Uint8Array, encoding: BenchEncoding): InvokeArgs {
  if (encoding === 'raw') return bytes;
  if (encoding === 'base64') return toBase64(bytes) as unknown as InvokeArgs;
  return { [SERIALIZE_TO_IPC_FN]: () => Array.from(bytes) };
}

/**
 * `bench_upload` with `bytes` encoded as `encoding` (encoding them is part of the cost); answers
 * how many bytes Rust decoded. Called with `invoke` directly: the body is the whole payload.
 */
export const sendBytes = (bytes: Uint8Array, encoding: BenchEncoding) =>
  call(invoke<number>('bench_upload', uploadBody(bytes, encoding)));

/** A `bench_channel` message: an ArrayBuffer (raw), or JSON (a number, an array, a tagged object). */
export type BenchMessage = ArrayBuffer | number | unknown[] | { event: string; data: number };
type BenchChannel = Parameters<typeof commands.benchChannel>[0];

/**
 * `bench_channel`: `run.count` messages of `run.size` bytes, `run.batch` to a frame, each frame
 * to `onFrame` in order. Resolves with the count once every frame has *arrived* (the command
 * answers when Rust has sent them; large frames are still being fetched by the page then).
 */
export async function benchChannel(run: ChannelRun, onFrame: (frame: BenchMessage) => void): Promise<number> {
  const stream = meteredChannel(onFrame);
  const count = await call(commands.benchChannel(stream.channel as unknown as BenchChannel, run));
  await stream.arrived(Math.ceil(run.count / run.batch), 'frames');
  return count;
}

/**
 * `bench_batched`: the numbers `0..count` on a batching channel (Rust's `BatchedChannel`, many
 * to a frame), each to `onMessage` in order. Resolves with the count once all have arrived.
 */
export async function benchBatched(count: number, onMessage: (seq: number) => void = () => {}): Promise<number> {
  const stream = batchedChannel(onMessage);
  const sent = await call(commands.benchBatched(stream.channel, count));
  await stream.arrived(count, 'messages');
  return sent;
}

/** A receiver of Rust-driven messages: `run(count)` resolves once all `count` have arrived. */
export interface BenchReceiver {
  run(count: number): Promise<number>;
  stop(): void;
}

/**
 * Listens to `bench-event` until `stop()`; `run(count)` has Rust emit `count` of them to this
 * page (`bench_events`). Listening first keeps the registration out of what `run` costs.
 */
export async function benchEventReceiver(onEvent: (seq: number) => void = () => {}): Promise<BenchReceiver> {
  let counter = arrivals(onEvent);
  const unlisten = await listenEvent('benchEvent', (seq) => counter.deliver(seq));
  return {
    async run(count) {
      counter = arrivals(onEvent);
      await call(commands.benchEvents(count));
      await counter.arrived(count, 'events');
      return count;
    },
    stop: unlisten,
  };
}

type EvalHook = { __ipcLabBenchEval?: (seq: number) => void };
/** What `Channel` calls to drop its callback (@tauri-apps/api core.js); the package exports no wrapper. */
type TauriInternals = { __TAURI_INTERNALS__: { unregisterCallback(id: number): void } };

/**
 * Defines `window.__ipcLabBenchEval` until `stop()`; `run(count)` has Rust evaluate it `count`
 * times in this page (`bench_eval`): the floor for small channel messages and events, which
 * Tauri delivers by the same `eval`. One receiver at a time (there is one global).
 */
export function benchEvalReceiver(onEval: (seq: number) => void = () => {}): BenchReceiver {
  let counter = arrivals(onEval);
  const hook = window as unknown as EvalHook;
  hook.__ipcLabBenchEval = (seq) => counter.deliver(seq);
  return {
    async run(count) {
      counter = arrivals(onEval);
      await call(commands.benchEval(count, null));
      await counter.arrived(count, 'evals');
      return count;
    },
    stop: () => delete hook.__ipcLabBenchEval,
  };
}

/**
 * The like-for-like floor of a small-message channel run: a callback registered as a Channel
 * registers its own (`transformCallback`), into which Rust evaluates the very text the app's
 * channel delivery (as Tauri's) evaluates for each message (`runCallback(id,{message:i,index:i})`),
 * without the Channel's ordering around it. `stop()` unregisters it.
 */
export function benchCallbackReceiver(onMessage: (seq: number) => void = () => {}): BenchReceiver {
  let counter = arrivals(onMessage);
  const id = transformCallback((payload: { message: number }) => counter.deliver(payload.message));
  return {
    async run(count) {
      counter = arrivals(onMessage);
      await call(commands.benchEval(count, id));
      await counter.arrived(count, 'callbacks');
      return count;
    },
    stop: () => (window as unknown as TauriInternals).__TAURI_INTERNALS__.unregisterCallback(id),
  };
}

/** `bench_json`: `records` records of structured JSON (6,500 are about 1 MiB). */
export const benchJson = (records: number) => call(commands.benchJson(records));

/**
 * `bench_json_eval`: the same records as `bench_json`, by another route than the answer: Rust
 * evaluates them in this page as the argument of a one-shot callback (one script). Resolves with
 * them once they have arrived (`timeout` when they never do).
 */
export async function benchJsonByEval(records: number): Promise<BenchRecord[]> {
  let got: BenchRecord[] = [];
  const counter = arrivals<BenchRecord[]>((value) => (got = value));
  const id = transformCallback(counter.deliver, true);
  try {
    await call(commands.benchJsonEval(records, id));
  } catch (reason) {
    (window as unknown as TauriInternals).__TAURI_INTERNALS__.unregisterCallback(id);
    throw reason;
  }
  await counter.arrived(1, 'answers');
  return got;
}

/** `bench_serde`: nanoseconds Rust's serde took to serialize `records` records. */
export async function benchSerdeNs(records: number): Promise<number> {
  const ns = await call(commands.benchSerde(records));
  if (ns === null) throw new AppError('internal', 'bench_serde answered no time');
  return ns;
}

/** A `bench:` URI scheme URL: `bench://localhost/<path>` (`http://bench.localhost/…` on Windows, Android). */
export const benchUrl = (path: string) => convertFileSrc(path, 'bench');

function statusKind(status: number): ErrorKind {
  if (status === 503) return 'busy';
  if (status === 413) return 'tooLarge';
  if (status === 400) return 'invalidInput';
  return status === 404 ? 'notFound' : 'internal';
}

/** Fetches `path` from the bench scheme; a failed request or an error status is an AppError. */
async function schemeFetch(path: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(benchUrl(path), init);
  } catch (reason) {
    throw new AppError('network', `the bench scheme could not be fetched: ${String(reason)}`);
  }
  if (!response.ok) {
    throw new AppError(
      statusKind(response.status),
      `bench scheme /${path}: HTTP ${response.status} ${await response.text()}`,
    );
  }
  return response;
}

/** `GET /bytes/<size>[/<offset>]`: the same bytes as `bench_bytes`, straight from the webview's transport. */
export const fetchBenchBytes = async (size: number, offset?: number) =>
  new Uint8Array(
    await (await schemeFetch(offset === undefined ? `bytes/${size}` : `bytes/${size}/${offset}`)).arrayBuffer(),
  );

/** `GET /noop`: an empty answer from the scheme handler's own thread (the sync invoke's floor). */
export const fetchBenchNoop = () => schemeFetch('noop');

/** `GET /noop-async`: an empty answer from one task on Rust's async runtime (the async invoke's floor). */
export const fetchBenchNoopAsync = () => schemeFetch('noop-async');

/** `POST /echo`: sends `body`, which the scheme checks as `bench_upload` does; answers its byte count. */
export const postBenchEcho = async (body: Uint8Array<ArrayBuffer>) =>
  Number(await (await schemeFetch('echo', { method: 'POST', body })).text());

/** `GET /json/<records>`: the text `bench_json` would send. */
export const fetchBenchJsonText = async (records: number) => (await schemeFetch(`json/${records}`)).text();

/** `GET /json/<records>`, parsed by the webview (`Response.json()`). */
export const fetchBenchJson = async (records: number): Promise<BenchRecord[]> =>
  (await (await schemeFetch(`json/${records}`)).json()) as BenchRecord[];
