// The bench matrix (DESIGN §5): what is measured, how, and against which floor measured in the
// same batches, for a full run and a quick one. Each step answers one or a few figures
// (report.ts); the runner (runner.ts) goes through the steps. Floors: a `fetch` of the same
// bytes from the app's `bench:` URI scheme (the webview's own transport), and for messages the
// bare `eval` rate. Every payload is checked: the pattern in full on a call's first run, the
// length on every run after.
import {
  BENCH_ENCODINGS,
  ENCODING_LABELS,
  benchChannel,
  benchEvalReceiver,
  benchEventReceiver,
  benchJson,
  benchNoop,
  benchNoopAsync,
  benchSerdeNs,
  fetchBenchBytes,
  fetchBenchJson,
  fetchBenchJsonText,
  postBenchEcho,
  receiveBytes,
  sendBytes,
  type BenchEncoding,
  type ChannelRun,
} from '../api';
import { formatBytes } from '../lib/bytes';
import { patternBytes, patternMismatch } from './payloads';
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
  /** Bytes of each bulk channel run, and of the pipelining comparison. */
  bulkTotal: number;
  /** Frame sizes the pipelining comparison tries, each with every `inFlight`. */
  pipelineFrames: number[];
  /** Runs at once in the pipelining comparison (Rust runs at most 2 bench calls at once). */
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
    pipelineFrames: [64 * KiB, 256 * KiB, MiB, 4 * MiB],
    inFlight: [1, 2],
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
    pipelineFrames: [64 * KiB, 256 * KiB, MiB],
    inFlight: [1, 2],
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
  /** Bulk down: the best channel pipelining at least 2× one raw Response's rate. */
  bulkBest: 2,
  /** Bulk up (≥ 1 MiB), raw body: at least 0.9× the rate of a fetch POST of the same bytes. */
  upRaw: 0.9,
  /** Small channel messages: at least 0.8× the bare eval rate. */
  channelSmall: 0.8,
  /** 1 MiB JSON: the round trip at most 1.3× serde + JSON.parse alone. */
  json: 1.3,
};

export const GROUPS = {
  invoke: 'Invoke round trip',
  down: 'Rust → JS bytes',
  up: 'JS → Rust bytes',
  messages: 'Small messages',
  bulk: 'Channel bulk throughput',
  pipelining: 'Bulk down: frame size and pipelining',
  json: 'Structured JSON',
} as const;
export type Group = keyof typeof GROUPS;

export interface BenchContext {
  settings: BenchSettings;
  signal?: AbortSignal;
}

export interface BenchStep {
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
    floor: { label: floor.label, value: of(median(floor.samples)) },
    samples: samples.map(of),
  });
}

const invokeStep: BenchStep = {
  label: 'invoke round trip: sync and async no-ops (floor: fetch of bench:bytes/0)',
  async run({ settings, signal }) {
    const spread = await perCallMs(
      { floor: () => fetchBenchBytes(0), sync: benchNoop, async: benchNoopAsync },
      { reps: settings.latencyBatches, minBatchMs: 0, batch: LATENCY_BATCH, signal },
    );
    const µs = (ms: number) => ms * 1000;
    return (['sync', 'async'] as const).flatMap((kind) =>
      [50, 95, 99].map((p) =>
        makeFigure({
          id: `invoke.${kind}.p${p}`,
          group: 'invoke',
          label: `invoke, ${kind === 'sync' ? 'sync command (main thread)' : 'async command'}, p${p} of ${LATENCY_BATCH}-call batches`,
          unit: 'µs',
          value: µs(percentile(spread[kind], p)),
          floor: { label: `fetch bench:bytes/0, p${p}`, value: µs(percentile(spread.floor, p)) },
          target: p === 50 ? TARGETS[kind === 'sync' ? 'syncInvoke' : 'asyncInvoke'] : undefined,
          samples: spread[kind].map(µs),
        }),
      ),
    );
  },
};

function downStep(size: number): BenchStep {
  return {
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
      const floor = { label: `fetch POST bench:echo of ${sizeLabel(size)}`, samples: ms.floor };
      return BENCH_ENCODINGS.map((encoding) =>
        timedFigure(
          {
            id: `up.${encoding}.${size}`,
            group: 'up',
            label: `${sizeLabel(size)} to Rust as a ${ENCODING_LABELS[encoding]}, encoded in the page`,
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
  label: 'small messages: channel (JSON, 0 B) and events (floor: eval)',
  async run({ settings, signal }) {
    const count = settings.messages;
    const evals = benchEvalReceiver();
    const events = await benchEventReceiver().catch((reason) => {
      evals.stop();
      throw reason;
    });
    let ms: Record<'floor' | 'channel' | 'events', number[]>;
    try {
      ms = await perCallMs(
        {
          floor: () => evals.run(count),
          channel: () => benchChannel({ kind: 'json', count, size: 0, batch: 1 }, () => {}),
          events: () => events.run(count),
        },
        { reps: settings.reps, minBatchMs: settings.minBatchMs, signal },
      );
    } finally {
      evals.stop();
      events.stop();
    }
    const rate = { unit: 'msg/s' as const, of: (runMs: number) => perSecond(count, runMs) };
    const floor = { label: `eval (bench_eval), ${count} calls`, samples: ms.floor };
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
        floor,
      ),
      timedFigure(
        { id: 'messages.events', group: 'messages', label: `events (bench-event), ${count} of them` },
        rate,
        ms.events,
        floor,
      ),
    ];
  },
};

/** A raw channel run; fails unless every byte arrived. */
async function channelBytes(run: ChannelRun): Promise<void> {
  let bytes = 0;
  await benchChannel(run, (frame) => (bytes += (frame as ArrayBuffer).byteLength));
  if (bytes !== run.count * run.size) throw new Error(`${bytes} of ${run.count * run.size} channel bytes arrived`);
}

/** `total` bytes as one GET from the scheme: the bulk floor. */
const bulkFloor = (total: number) => checked(total, () => fetchBenchBytes(total));

const channelBulkStep: BenchStep = {
  label: 'channel bulk: raw frames of 64 KiB and 1 MiB, with and without batching (floor: fetch)',
  async run({ settings, signal }) {
    const total = settings.bulkTotal;
    const shapes = [
      { size: 64 * KiB, batch: 1 },
      { size: 64 * KiB, batch: 16 },
      { size: MiB, batch: 1 },
      { size: MiB, batch: 4 },
    ].filter(({ size, batch }) => total / size >= batch);
    const fns: Record<string, Call> = { floor: bulkFloor(total) };
    for (const { size, batch } of shapes) {
      fns[`${size}x${batch}`] = () => channelBytes({ kind: 'raw', count: total / size, size, batch });
    }
    const ms = await perCallMs(fns, { reps: repsFor(settings, total), minBatchMs: settings.minBatchMs, signal });
    const floor = { label: `fetch GET of ${sizeLabel(total)}`, samples: ms.floor };
    return shapes.map(({ size, batch }) =>
      timedFigure(
        {
          id: `bulk.raw.${size}x${batch}`,
          group: 'bulk',
          label: `${sizeLabel(total)} on a channel: ${sizeLabel(size)} messages${batch > 1 ? `, ${batch} a frame (${sizeLabel(size * batch)})` : ', one a frame'}`,
        },
        bySize(total),
        ms[`${size}x${batch}`],
        floor,
      ),
    );
  },
};

const pipeliningStep: BenchStep = {
  label: 'bulk down: one raw Response vs channel frames of each size, 1 or 2 runs at once (floor: fetch)',
  async run({ settings, signal }) {
    const total = settings.bulkTotal;
    const configs = settings.pipelineFrames.flatMap((frame) =>
      settings.inFlight.filter((k) => total % (frame * k) === 0).map((k) => ({ frame, k, key: `${frame}x${k}` })),
    );
    const fns: Record<string, Call> = {
      floor: bulkFloor(total),
      oneShot: checked(total, () => receiveBytes(total, 'raw')),
    };
    for (const { frame, k, key } of configs) {
      const run = { kind: 'raw' as const, count: total / frame / k, size: frame, batch: 1 };
      fns[key] = () => Promise.all(Array.from({ length: k }, () => channelBytes(run)));
    }
    const ms = await perCallMs(fns, { reps: repsFor(settings, total), minBatchMs: settings.minBatchMs, signal });
    const rate = bySize(total);
    const floor = { label: `fetch GET of ${sizeLabel(total)}`, samples: ms.floor };
    const way = (frame: number, k: number) =>
      `${sizeLabel(frame)} channel frames, ${k === 1 ? 'one run' : `${k} runs at once`}`;
    const figures = configs.map(({ frame, k, key }) =>
      timedFigure(
        { id: `pipelining.${key}`, group: 'pipelining', label: `${sizeLabel(total)} as ${way(frame, k)}` },
        rate,
        ms[key],
        floor,
      ),
    );
    const bestAt = figures.reduce((b, f, i) => (f.value > figures[b].value ? i : b), 0);
    const best = figures[bestAt];
    figures.push(
      makeFigure({
        id: 'pipelining.best',
        group: 'pipelining',
        label: `${sizeLabel(total)} down, the best way: ${way(configs[bestAt].frame, configs[bestAt].k)}`,
        unit: rate.unit,
        value: best.value,
        floor: { label: `one raw tauri::ipc::Response of ${sizeLabel(total)}`, value: rate.of(median(ms.oneShot)) },
        target: TARGETS.bulkBest,
        samples: best.samples,
      }),
    );
    return figures;
  },
};

const jsonStep: BenchStep = {
  label: 'structured JSON: bench_json round trip vs serde + JSON.parse',
  async run({ settings, signal }) {
    const records = settings.jsonRecords;
    const text = await fetchBenchJsonText(records);
    const all = (fn: () => Promise<unknown[]>) => answering(records, 'records', async () => (await fn()).length);
    const ms = await perCallMs(
      {
        ipc: all(() => benchJson(records)),
        fetch: all(() => fetchBenchJson(records)),
        parse: () => Promise.resolve(JSON.parse(text) as unknown),
      },
      { reps: settings.reps, minBatchMs: settings.minBatchMs, signal },
    );
    const serdeMs: number[] = [];
    for (let i = 0; i < settings.reps; i++) serdeMs.push((await benchSerdeNs(records)) / 1e6);
    const floorMs = median(serdeMs) + median(ms.parse);
    const floor = { label: `serde_json in Rust + JSON.parse in the page`, samples: [floorMs] };
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
    ];
  },
};

/** Every step of a run, in order. */
export function benchPlan(settings: BenchSettings): BenchStep[] {
  return [
    invokeStep,
    ...settings.sizes.map(downStep),
    ...settings.sizes.map(upStep),
    messagesStep,
    channelBulkStep,
    pipeliningStep,
    jsonStep,
  ];
}
