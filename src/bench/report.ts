// The bench report: `results = { environment, figures }`, which Rust's finish_run wraps with
// what it knows of the build and scripts/print-bench.mjs prints. A figure is a value in a unit,
// beside its floor measured in the same run; its ratio is value / floor (src/bench/stats.ts),
// and its target's direction follows from its unit: `<=` for times, `>=` for rates.
import { TAURI_API_VERSION } from '../api';
import { meets, ratio } from './stats';

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

export interface Figure {
  id: string;
  group: string;
  label: string;
  unit: Unit;
  value: number;
  floor?: { label: string; value: number };
  ratio?: number;
  target?: Target;
  met?: boolean;
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
export type FigureSpec = Omit<Figure, 'ratio' | 'target' | 'met'> & { target?: number };

/** A figure with its ratio to its floor and, when it has a target, whether it met it. */
export function makeFigure({ target, ...spec }: FigureSpec): Figure {
  for (const n of [spec.value, spec.floor?.value ?? 1]) {
    if (!Number.isFinite(n))
      throw new Error(`${spec.id}: ${n} is not a measurement (a batch shorter than the clock's tick?)`);
  }
  const figure: Figure = { ...spec };
  if (spec.floor) figure.ratio = ratio(spec.value, spec.floor.value);
  if (target !== undefined) {
    if (figure.ratio === undefined) throw new Error(`${spec.id}: a target needs a floor`);
    figure.target = { op: UNITS[spec.unit] === 'time' ? '<=' : '>=', ratio: target };
    figure.met = meets(figure.ratio, figure.target);
  }
  return figure;
}

export function benchEnvironment(): BenchEnvironment {
  return { webview: navigator.userAgent, api: TAURI_API_VERSION };
}

/** A figure's number as the report printer shows it: 3 significant digits, whole from 100 up. */
export const formatNumber = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3));

/** `≤ 1.25× met` / `≥ 2× MISSED`, or '' without a target. */
export const targetText = (figure: Figure) =>
  figure.target
    ? `${figure.target.op === '<=' ? '≤' : '≥'} ${figure.target.ratio}× ${figure.met ? 'met' : 'MISSED'}`
    : '';

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
