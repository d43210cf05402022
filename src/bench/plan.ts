// The bench matrix (DESIGN §5): what is measured, how, and against which floor measured in the
// same batches, for a full run and a quick one. Each step answers one or a few figures
// (report.ts); the runner (runner.ts) goes through the steps. Every floor does what its figure
// does, through the webview's own transport instead of IPC: a `fetch` of the same bytes from
// the app's `bench:` URI scheme (in the same chunks, as many at once; a POST the scheme checks
// as the command does; a no-op answered on the thread a sync command runs on, or from a task as
// an async one), and for messages the very script Tauri's channel evaluates, beside the bare
// `eval` rate. Every payload is checked: the pattern in full on a call's first run (a chunked
// read's first chunk or frame), its length (and a sample of each later chunk) after.
import {
  BENCH_ENCODINGS,
  ENCODING_LABELS,
  FILE_PIECES,
  benchBatched,
  benchCallbackReceiver,
  benchChannel,
  benchEvalReceiver,
  benchEventReceiver,
  benchJson,
  benchJsonByEval,
  benchNoop,
  benchNoopAsync,
  benchSerdeNs,
  fetchBenchBytes,
  fetchBenchJson,
  fetchBenchJsonText,
  fetchBenchNoop,
  fetchBenchNoopAsync,
  postBenchEcho,
  readChunked,
  receiveBytes,
  sendBytes,
  type BenchEncoding,
  type ChunkFetcher,
} from '../api';
import { formatBytes } from '../lib/bytes';
import { patternBytes, patternMismatch, patternMismatchAt } from './payloads';
import { makeFigure, type Figure, type Unit } from './report';
import { median, mibPerSecond, percentile, perSecond } from './stats';
import { perCallMs, type Call } from './timing';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BenchSettings {
  /** Batches kept per figure (after a warm-up); the value is their median. */
  reps: number;
  /** The least one timed batch lasts (calls are added until it does). */
  minBatchMs: number;
  /** Batches of LATENCY_BATCH invoke calls the percentiles are taken over. */
  latencyBatches: number;
  /** The byte sizes moved each way. */
  sizes: number[];
  /** Small messages per channel, event and eval run. */
  messages: number;
  /** Bytes each bulk-down way moves. */
  bulkTotal: number;
  /** Chunk and frame sizes the bulk-down ways try, each with every `inFlight`. */
  chunks: number[];
  /** Requests or channel runs at once in bulk down (Rust gives the bench 4 places). */
  inFlight: number[];
  /** Records of the structured JSON document (6,500 are about 1 MiB). */
  jsonRecords: number;
}

/** Sizes at and around Tauri's thresholds (raw < 1024 B and JSON < 8192 B go by eval), then bulk. */
const EDGE_SIZES = [0, 1023, 1024, 1025, 8191, 8192, 8193, 64 * KiB, MiB];

export const SETTINGS: Record<'full' | 'quick', BenchSettings> = {
  full: {
    reps: 5,
    minBatchMs: 25,
    latencyBatches: 60,
    sizes: [...EDGE_SIZES, 16 * MiB, 64 * MiB],
    messages: 10_000,
    bulkTotal: 64 * MiB,
    chunks: [64 * KiB, 256 * KiB, MiB, 4 * MiB],
    inFlight: [1, 2, 4],
    jsonRecords: 6500,
  },
  // Proves the bench runs end to end in well under a minute: nothing over 1 MiB, few repetitions.
  quick: {
    reps: 3,
    minBatchMs: 10,
    latencyBatches: 10,
    sizes: EDGE_SIZES,
    messages: 2000,
    bulkTotal: MiB,
    chunks: [64 * KiB, 256 * KiB, MiB],
    inFlight: [1, 2, 4],
    jsonRecords: 6500,
  },
};

/** Calls per batch behind the invoke percentiles. */
export const LATENCY_BATCH = 50;

/** The targets (a benchmark's, not a test's: a missed one does not fail the run), as ratios. */
export const TARGETS = {
  /** sync invoke: at most 1.25× the scheme fetch's time per call (p50). */
  syncInvoke: 1.25,
  /** async invoke: at most 1.6× the scheme fetch's time per call (p50). */
  asyncInvoke: 1.6,
  /** Bulk down: the best IPC way at least 0.9× the best chunked-fetch floor's rate. */
  bulkDown: 0.9,
  /** Bulk up (≥ 1 MiB), raw body: at least 0.95× the rate of a fetch POST of the same bytes. */
  upRaw: 0.95,
  /** Small channel messages: at least 0.9× the rate of Tauri's own runCallback text evaluated. */
  channelSmall: 0.9,
  /** Small messages on a batching channel: at least the bare eval's rate, in messages. */
  batched: 1,
  /** 1 MiB JSON: the round trip at most 1.3× serde + JSON.parse alone. */
  json: 1.3,
  /** 1 MiB JSON by another route: at least 1.3× faster than a fetch of it (at most 1/1.3 its time). */
  jsonRoute: 0.77,
};

export const GROUPS = {
  invoke: 'Invoke round trip',
  down: 'Rust → JS bytes',
  up: 'JS → Rust bytes',
  messages: 'Small messages',
  bulk: 'Bulk down: one Response, chunks and frames',
  json: 'Structured JSON',
} as const;
export type Group = keyof typeof GROUPS;

export interface BenchContext {
  settings: BenchSettings;
  signal?: AbortSignal;
}

export interface BenchStep {
  /** The group of every figure it gives. */
  group: Group;
  /** What is measured, for the progress line. */
  label: string;
  run(context: BenchContext): Promise<Figure[]>;
}

/** A size as people read it: exact bytes where a KiB figure would hide the difference. */
export const sizeLabel = (n: number) => (n < KiB || (n < 64 * KiB && n % KiB) ? `${n} B` : formatBytes(n));

/**
 * An axis label short enough for a phone, and unique in its chart: the figure's id without its
 * group, sizes in bytes as people read them ("down.raw.1048576" → "raw 1.0 MiB", "64 KiB×2"
 * for a frame size × runs). The tooltip and the table have the whole label.
 */
export const shortLabel = (figure: Pick<Figure, 'id'>) =>
  figure.id
    .split('.')
    .slice(1)
    .map((part) =>
      part.replace(/^(\d+)(?:x(\d+))?$/, (_, size, times) => sizeLabel(Number(size)) + (times ? `×${times}` : '')),
    )
    .join(' ');

/** `fn` with its answer checked: the whole pattern the first time, the length after. */
function checked(size: number, fn: () => Promise<Uint8Array>): Call {
  let first = true;
  return async () => {
    const bytes = await fn();
    const wrong = first ? patternMismatch(bytes, size) : bytes.length === size ? null : `${bytes.length} bytes`;
    first = false;
    if (wrong) throw new Error(`${sizeLabel(size)} arrived wrong: ${wrong}`);
  };
}

/** `fn` whose answer must be `expected`. */
const answering =
  (expected: number, what: string, fn: () => Promise<number>): Call =>
  async () => {
    const got = await fn();
    if (got !== expected) throw new Error(`${what}: ${got} instead of ${expected}`);
  };

/** Per-call times → a size's unit: µs per call for 0 B, MiB/s otherwise. */
function bySize(size: number): { unit: Unit; of: (ms: number) => number } {
  return size === 0 ? { unit: 'µs', of: (ms) => ms * 1000 } : { unit: 'MiB/s', of: (ms) => mibPerSecond(size, ms) };
}

/** A figure from per-call millisecond samples (its floor's too), in `unit` via `of`. */
function timedFigure(
  spec: { id: string; group: Group; label: string; target?: number },
  { unit, of }: { unit: Unit; of: (ms: number) => number },
  samples: number[],
  floor: { label: string; samples: number[] },
): Figure {
  return makeFigure({
    ...spec,
    unit,
    value: of(median(samples)),
    floor: { label: floor.label, value: of(median(floor.samples)), samples: floor.samples.map(of) },
    samples: samples.map(of),
  });
}

const invokeStep: BenchStep = {
  group: 'invoke',
  label: 'invoke round trip: sync and async no-ops (floors: the scheme answering on its own thread, and from a task)',
  async run({ settings, signal }) {
    const spread = await perCallMs(
      { syncFloor: fetchBenchNoop, sync: benchNoop, asyncFloor: fetchBenchNoopAsync, async: benchNoopAsync },
      { reps: settings.latencyBatches, minBatchMs: 0, batch: LATENCY_BATCH, signal },
    );
    const µs = (ms: number) => ms * 1000;
    const floors = {
      sync: { samples: spread.syncFloor, label: "fetch bench:noop, answered on the scheme handler's thread" },
      async: { samples: spread.asyncFloor, label: 'fetch bench:noop-async, answered from a task on the async runtime' },
    };
    return (['sync', 'async'] as const).flatMap((kind) =>
      [50, 95, 99].map((p) =>
        makeFigure({
          id: `invoke.${kind}.p${p}`,
          group: 'invoke',
          label: `invoke, ${kind === 'sync' ? 'sync command (main thread)' : 'async command'}: p${p} of the means of ${LATENCY_BATCH}-call batches`,
          unit: 'µs',
          value: µs(percentile(spread[kind], p)),
          floor: {
            label: `${floors[kind].label}, p${p} of batch means`,
            value: µs(percentile(floors[kind].samples, p)),
            samples: floors[kind].samples.map(µs),
          },
          target: p === 50 ? TARGETS[kind === 'sync' ? 'syncInvoke' : 'asyncInvoke'] : undefined,
          samples: spread[kind].map(µs),
        }),
      ),
    );
  },
};

function downStep(size: number): BenchStep {
  return {
    group: 'down',
    label: `Rust → JS ${sizeLabel(size)}: JSON array, base64, raw (floor: fetch)`,
    async run({ settings, signal }) {
      const fns = { floor: checked(size, () => fetchBenchBytes(size)) } as Record<'floor' | BenchEncoding, Call>;
      for (const encoding of BENCH_ENCODINGS) fns[encoding] = checked(size, () => receiveBytes(size, encoding));
      const ms = await perCallMs(fns, { reps: repsFor(settings, size), minBatchMs: settings.minBatchMs, signal });
      const floor = { label: `fetch GET bench:bytes/${size}`, samples: ms.floor };
      return BENCH_ENCODINGS.map((encoding) =>
        timedFigure(
          {
            id: `down.${encoding}.${size}`,
            group: 'down',
            label: `${sizeLabel(size)} to JS as a ${ENCODING_LABELS[encoding]}, decoded to bytes`,
          },
          bySize(size),
          ms[encoding],
          floor,
        ),
      );
    },
  };
}

function upStep(size: number): BenchStep {
  return {
    group: 'up',
    label: `JS → Rust ${sizeLabel(size)}: JSON array, base64, raw (floor: fetch POST)`,
    async run({ settings, signal }) {
      const bytes = patternBytes(size);
      const fns = { floor: answering(size, 'the scheme echoed', () => postBenchEcho(bytes)) } as Record<
        'floor' | BenchEncoding,
        Call
      >;
      for (const encoding of BENCH_ENCODINGS) {
        fns[encoding] = answering(size, 'Rust counted', () => sendBytes(bytes, encoding));
      }
      const ms = await perCallMs(fns, { reps: repsFor(settings, size), minBatchMs: settings.minBatchMs, signal });
      const floor = { label: `fetch POST bench:echo of ${sizeLabel(size)}, checked alike`, samples: ms.floor };
      return BENCH_ENCODINGS.map((encoding) =>
        timedFigure(
          {
            id: `up.${encoding}.${size}`,
            group: 'up',
            label: `${sizeLabel(size)} to Rust as a ${ENCODING_LABELS[encoding]}, encoded in the page, checked in Rust`,
            target: encoding === 'raw' && size >= MiB ? TARGETS.upRaw : undefined,
          },
          bySize(size),
          ms[encoding],
          floor,
        ),
      );
    },
  };
}

/** Repetitions for a payload of `size`: fewer for the very large ones (each call lasts long). */
const repsFor = (settings: BenchSettings, size: number) =>
  size >= 16 * MiB ? Math.min(3, settings.reps) : settings.reps;

const messagesStep: BenchStep = {
  group: 'messages',
  label:
    'small messages: channel (JSON, 0 B), batching channel and events (floors: the runCallback text evaluated, a bare eval)',
  async run({ settings, signal }) {
    const count = settings.messages;
    const evals = benchEvalReceiver();
    const callbacks = benchCallbackReceiver();
    let ms: Record<'eval' | 'runCallback' | 'channel' | 'batched' | 'events', number[]>;
    try {
      const events = await benchEventReceiver();
      try {
        ms = await perCallMs(
          {
            eval: () => evals.run(count),
            runCallback: () => callbacks.run(count),
            channel: () => benchChannel({ kind: 'json', count, size: 0, batch: 1 }, () => {}),
            batched: () => benchBatched(count),
            events: () => events.run(count),
          },
          { reps: settings.reps, minBatchMs: settings.minBatchMs, signal },
        );
      } finally {
        events.stop();
      }
    } finally {
      evals.stop();
      callbacks.stop();
    }
    const rate = { unit: 'msg/s' as const, of: (runMs: number) => perSecond(count, runMs) };
    const bare = { label: `a bare eval (bench_eval), ${count} calls`, samples: ms.eval };
    const sameText = {
      label: `runCallback(id,{message,index}) evaluated into a callback, ${count} times`,
      samples: ms.runCallback,
    };
    return [
      timedFigure(
        {
          id: 'messages.channel',
          group: 'messages',
          label: `channel, ${count} JSON messages of 0 B`,
          target: TARGETS.channelSmall,
        },
        rate,
        ms.channel,
        sameText,
      ),
      timedFigure(
        {
          id: 'messages.batched',
          group: 'messages',
          label: `batching channel (BatchedChannel), ${count} JSON messages of 0 B`,
          target: TARGETS.batched,
        },
        rate,
        ms.batched,
        bare,
      ),
      timedFigure(
        {
          id: 'messages.runCallback',
          group: 'messages',
          label: `the channel's own script text (runCallback) without the Channel, ${count} messages`,
        },
        rate,
        ms.runCallback,
        bare,
      ),
      timedFigure(
        { id: 'messages.events', group: 'messages', label: `events (bench-event), ${count} of them` },
        rate,
        ms.events,
        bare,
      ),
    ];
  },
};

/**
 * Checks the chunks or frames of one way: the pattern where each sits, the very first one in
 * full, every later one (and every one of later calls) by a sample.
 */
function pieceChecker() {
  let first = true;
  return (bytes: Uint8Array, offset: number) => {
    const wrong = patternMismatchAt(bytes, offset, first ? 'full' : 'sample');
    first = false;
    return wrong;
  };
}

/** A fetcher whose chunks must be the pattern where they sit (see `pieceChecker`). */
function checkedChunks(fetch: ChunkFetcher): ChunkFetcher {
  const check = pieceChecker();
  return async (offset, size) => {
    const bytes = await fetch(offset, size);
    const wrong = check(bytes, offset);
    if (wrong) throw new Error(`the chunk at ${offset} arrived wrong: ${wrong}`);
    return bytes;
  };
}

/**
 * `total` bytes as `k` raw channel runs at once, each of `frame`-byte frames (each run's bytes
 * are the pattern from 0), copied into one buffer as they arrive, as a chunked read places its
 * chunks; checked as `pieceChecker` says.
 */
function channelRead(total: number, frame: number, k: number): Call {
  const check = pieceChecker();
  const share = total / k;
  return async () => {
    const out = new Uint8Array(total);
    await Promise.all(
      Array.from({ length: k }, async (_, run) => {
        let at = 0;
        let wrong: string | null = null;
        await benchChannel({ kind: 'raw', count: share / frame, size: frame, batch: 1 }, (message) => {
          const bytes = new Uint8Array(message as ArrayBuffer);
          wrong ??= at + bytes.length > share ? 'more bytes than sent' : check(bytes, at);
          if (!wrong) out.set(bytes, run * share + at);
          at += bytes.length;
        });
        if (wrong || at !== share)
          throw new Error(`channel run ${run} arrived wrong: ${wrong ?? `${at} of ${share} bytes`}`);
      }),
    );
  };
}

const bulkStep: BenchStep = {
  group: 'bulk',
  label:
    'bulk down: chunked raw invokes and channel frames, 1, 2 or 4 at once (floor: chunked fetches alike); one Response',
  async run({ settings, signal }) {
    const total = settings.bulkTotal;
    const configs = settings.chunks.flatMap((frame) =>
      settings.inFlight.filter((k) => total % (frame * k) === 0).map((k) => ({ frame, k, key: `${frame}x${k}` })),
    );
    const fns: Record<string, Call> = {
      oneFetch: checked(total, () => fetchBenchBytes(total)),
      oneResponse: checked(total, () => receiveBytes(total, 'raw')),
    };
    for (const { frame, k, key } of configs) {
      const read = (fetch: ChunkFetcher) => {
        const chunks = checkedChunks(fetch);
        return () => readChunked(chunks, { total, chunk: frame, inFlight: k, signal });
      };
      fns[`fetch.${key}`] = read((offset, size) => fetchBenchBytes(size, offset));
      fns[`invoke.${key}`] = read((offset, size) => receiveBytes(size, 'raw', offset));
      fns[`channel.${key}`] = channelRead(total, frame, k);
    }
    const ms = await perCallMs(fns, { reps: repsFor(settings, total), minBatchMs: settings.minBatchMs, signal });
    const rate = bySize(total);
    const at = (frame: number, k: number) =>
      `${sizeLabel(frame)} pieces, ${k === 1 ? 'one at a time' : `${k} at once`}`;
    const floorOf = (frame: number, k: number) => ({
      label: `fetches of bench:bytes in ${at(frame, k)}`,
      samples: ms[`fetch.${frame}x${k}`],
    });
    // A channel run does not wait for each frame: Rust sends ahead within the page's budget and
    // the page fetches each frame as its eval arrives, so many are in flight whatever k is. Its
    // floor is the fetches of the same pieces with the most in flight the floor has.
    const mostAtOnce = (frame: number) => Math.max(...configs.filter((c) => c.frame === frame).map((c) => c.k));
    const floorFor = (way: 'invoke' | 'channel', frame: number, k: number) =>
      floorOf(frame, way === 'invoke' ? k : mostAtOnce(frame));
    const ways = {
      invoke: 'raw invokes (bench_bytes with an offset)',
      channel: 'raw channel frames',
    } as const;
    const wayAt = (way: 'invoke' | 'channel', frame: number, k: number) =>
      way === 'invoke'
        ? `${ways.invoke} in ${at(frame, k)}`
        : `${ways.channel} of ${sizeLabel(frame)}, ${k === 1 ? 'one run' : `${k} runs at once`} (sent ahead)`;
    const figures = [
      timedFigure(
        { id: 'bulk.response', group: 'bulk', label: `${sizeLabel(total)} as one raw tauri::ipc::Response` },
        rate,
        ms.oneResponse,
        { label: `one fetch GET of ${sizeLabel(total)}`, samples: ms.oneFetch },
      ),
      ...configs.flatMap(({ frame, k, key }) =>
        (Object.keys(ways) as (keyof typeof ways)[]).map((way) =>
          timedFigure(
            {
              id: `bulk.${way}.${key}`,
              group: 'bulk',
              label: `${sizeLabel(total)} as ${wayAt(way, frame, k)}`,
            },
            rate,
            ms[`${way}.${key}`],
            floorFor(way, frame, k),
          ),
        ),
      ),
    ];
    // The app's own way of reading a large file (`FILE_PIECES`) against one Response.
    const app = `invoke.${FILE_PIECES.chunk}x${FILE_PIECES.inFlight}`;
    if (ms[app])
      figures.push(
        timedFigure(
          {
            id: 'bulk.app',
            group: 'bulk',
            label: `${sizeLabel(total)} as the app reads a large file (readFileChunked): ${wayAt('invoke', FILE_PIECES.chunk, FILE_PIECES.inFlight)}`,
          },
          rate,
          ms[app],
          { label: `one raw tauri::ipc::Response of ${sizeLabel(total)}`, samples: ms.oneResponse },
        ),
      );
    // The best way against the best floor: a best-of-N only beside a best-of-N.
    const fastest = (keys: string[]) => keys.reduce((b, key) => (median(ms[key]) < median(ms[b]) ? key : b));
    const wayKeys = ['oneResponse', ...configs.flatMap(({ key }) => [`invoke.${key}`, `channel.${key}`])];
    const floorKeys = ['oneFetch', ...configs.map(({ key }) => `fetch.${key}`)];
    const [best, bestFloor] = [fastest(wayKeys), fastest(floorKeys)];
    const name = (key: string) => {
      if (key === 'oneResponse') return 'one raw Response';
      if (key === 'oneFetch') return 'one fetch';
      const [way, size] = key.split('.');
      const [frame, k] = size.split('x').map(Number);
      return way === 'fetch' ? `fetches in ${at(frame, k)}` : wayAt(way as 'invoke' | 'channel', frame, k);
    };
    figures.push(
      timedFigure(
        {
          id: 'bulk.best',
          group: 'bulk',
          label: `${sizeLabel(total)} down, the best way: ${name(best)}`,
          target: TARGETS.bulkDown,
        },
        rate,
        ms[best],
        { label: `the best floor: ${name(bestFloor)}`, samples: ms[bestFloor] },
      ),
    );
    return figures;
  },
};

const jsonStep: BenchStep = {
  group: 'json',
  label: 'structured JSON: bench_json round trip vs serde + JSON.parse; the records by eval vs a fetch of them',
  async run({ settings, signal }) {
    const records = settings.jsonRecords;
    const text = await fetchBenchJsonText(records);
    const all = (fn: () => Promise<unknown[]>) => answering(records, 'records', async () => (await fn()).length);
    const ms = await perCallMs(
      {
        ipc: all(() => benchJson(records)),
        fetch: all(() => fetchBenchJson(records)),
        eval: all(() => benchJsonByEval(records)),
        // The parsed records are used as the IPC's are: counted.
        parse: all(() => Promise.resolve(JSON.parse(text) as unknown[])),
      },
      { reps: settings.reps, minBatchMs: settings.minBatchMs, signal },
    );
    const serdeMs: number[] = [];
    for (let i = 0; i < settings.reps; i++) serdeMs.push((await benchSerdeNs(records)) / 1e6);
    // Rep by rep: building and serializing the records in Rust, then parsing their text here.
    const floor = {
      label: `the records built and serialized in Rust (serde_json) + JSON.parse in the page`,
      samples: serdeMs.map((serde, i) => serde + ms.parse[i]),
    };
    const asMs = { unit: 'ms' as const, of: (x: number) => x };
    const doc = `${records} records (${sizeLabel(text.length)} of JSON)`;
    return [
      timedFigure(
        { id: 'json.ipc', group: 'json', label: `bench_json round trip, ${doc}`, target: TARGETS.json },
        asMs,
        ms.ipc,
        floor,
      ),
      timedFigure(
        { id: 'json.fetch', group: 'json', label: `fetch GET bench:json + Response.json(), ${doc}` },
        asMs,
        ms.fetch,
        floor,
      ),
      timedFigure(
        {
          id: 'json.eval',
          group: 'json',
          label: `the records evaluated into a callback by Rust (bench_json_eval), ${doc}`,
          target: TARGETS.jsonRoute,
        },
        asMs,
        ms.eval,
        { label: `fetch GET bench:json + Response.json(), the same records`, samples: ms.fetch },
      ),
    ];
  },
};

/** Every step of a run, in order; only those of `groups` when given. */
export function benchPlan(settings: BenchSettings, groups?: readonly Group[]): BenchStep[] {
  const all = [
    invokeStep,
    ...settings.sizes.map(downStep),
    ...settings.sizes.map(upStep),
    messagesStep,
    bulkStep,
    jsonStep,
  ];
  return groups ? all.filter((step) => groups.includes(step.group)) : all;
}
