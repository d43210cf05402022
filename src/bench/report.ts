// The bench report: `results = { environment, figures }`, which Rust's finish_run wraps with
// what it knows of the build and scripts/print-bench.mjs prints. A figure is a value in a unit,
// beside its floor measured in the same run; its ratio is value / floor (src/bench/stats.ts),
// and its target's direction follows from its unit: `<=` for times, `>=` for rates. A figure
// carries its repetitions and its floor's, so its ratio carries a range: a target inside that
// range is "within noise", neither met nor missed.
import { TAURI_API_VERSION } from '../api';
import { meets, ratio, ratioRange } from './stats';

export const UNITS = {
  µs: 'time',
  ms: 'time',
  'MiB/s': 'rate',
  'msg/s': 'rate',
} as const satisfies Record<string, 'time' | 'rate'>;
export type Unit = keyof typeof UNITS;

export interface Target {
  op: '>=' | '<=';
  ratio: number;
}

export type Verdict = 'met' | 'missed' | 'within noise';

export interface Figure {
  id: string;
  group: string;
  label: string;
  unit: Unit;
  value: number;
  /** The floor's repetitions, when it has them, taken in turn with the figure's. */
  floor?: { label: string; value: number; samples?: number[] };
  ratio?: number;
  /** The least and most the ratio was over the repetitions (see `ratioRange`). */
  range?: [number, number];
  target?: Target;
  verdict?: Verdict;
  /** The repetitions the value is the median (or percentile) of, in the same unit. */
  samples?: number[];
}

export interface BenchEnvironment {
  webview: string;
  /** The @tauri-apps/api version the page was built with. */
  api: string;
}

export interface BenchResults {
  environment: BenchEnvironment;
  figures: Figure[];
  /** Why the run stopped before its last figure (a cancel or an error). */
  error?: string;
}

/** What a step measured: a figure before its ratio, with the ratio to its floor it should
 * reach as `target` (at most for times, at least for rates). */
export type FigureSpec = Omit<Figure, 'ratio' | 'range' | 'target' | 'verdict'> & { target?: number };

/**
 * A figure with its ratio to its floor, the ratio's range over the repetitions, and, when it
 * has a target, its verdict: met or missed when the whole range is on one side of the target,
 * within noise when the target falls inside it.
 */
export function makeFigure({ target, ...spec }: FigureSpec): Figure {
  for (const n of [spec.value, spec.floor?.value ?? 1]) {
    if (!Number.isFinite(n))
      throw new Error(`${spec.id}: ${n} is not a measurement (a batch shorter than the clock's tick?)`);
  }
  const figure: Figure = { ...spec };
  if (spec.floor) {
    figure.ratio = ratio(spec.value, spec.floor.value);
    const range = spec.samples && spec.floor.samples && ratioRange(spec.samples, spec.floor.samples);
    if (range) figure.range = range;
  }
  if (target !== undefined) {
    if (figure.ratio === undefined) throw new Error(`${spec.id}: a target needs a floor`);
    const goal: Target = { op: UNITS[spec.unit] === 'time' ? '<=' : '>=', ratio: target };
    figure.target = goal;
    const [low, high] = figure.range ?? [figure.ratio, figure.ratio];
    figure.verdict =
      meets(low, goal) && meets(high, goal) ? 'met' : meets(low, goal) || meets(high, goal) ? 'within noise' : 'missed';
  }
  return figure;
}

export function benchEnvironment(): BenchEnvironment {
  return { webview: navigator.userAgent, api: TAURI_API_VERSION };
}

/** A figure's number as the report printer shows it: 3 significant digits, whole from 100 up. */
export const formatNumber = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** `≤ 1.25× met` / `≥ 2× MISSED` / `≥ 0.9× within noise`, or '' without a target. */
export const targetText = (figure: Figure) =>
  figure.target
    ? `${figure.target.op === '<=' ? '≤' : '≥'} ${figure.target.ratio}× ${figure.verdict === 'missed' ? 'MISSED' : figure.verdict}`
    : '';

/** The ratio's range over the repetitions, `0.91–1.07×`, or '' without one. */
export const rangeText = (figure: Figure) =>
  figure.range ? `${figure.range[0].toFixed(2)}–${figure.range[1].toFixed(2)}×` : '';

export interface FigureSection {
  group: string;
  unit: Unit;
  figures: Figure[];
}

/** The figures by group and unit (one chart each), in the order they were measured. */
export function sections(figures: readonly Figure[]): FigureSection[] {
  const out: FigureSection[] = [];
  for (const figure of figures) {
    const section = out.find((s) => s.group === figure.group && s.unit === figure.unit);
    if (section) section.figures.push(figure);
    else out.push({ group: figure.group, unit: figure.unit, figures: [figure] });
  }
  return out;
}
