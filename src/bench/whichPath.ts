// "Which path?": from a bench report, for each payload size and kind of traffic, the fastest way
// this device measured, with its ratio to its floor and the runner-up, so a developer can pick
// the IPC path for their own payloads. Only what the report measured is listed: a row whose
// ways are missing (a quick run, a stopped one) is left out.
import { sizeLabel } from './plan';
import type { Figure, Unit } from './report';
import { UNITS } from './report';

export interface PathRow {
  /** What moves: "Rust → JS, 1.0 MiB", "small messages". */
  traffic: string;
  /** The fastest way's figure label, its value and unit. */
  best: { label: string; value: number; unit: Unit; ratio?: number; floor?: string };
  /** The next fastest way, for scale. */
  next?: { label: string; value: number };
}

/** Whether `a` is better than `b` in their (shared) unit: higher for rates, lower for times. */
const better = (a: Figure, b: Figure) => (UNITS[a.unit] === 'rate' ? a.value > b.value : a.value < b.value);

function row(traffic: string, ways: (Figure | undefined)[]): PathRow | null {
  const measured = ways.filter((f): f is Figure => f !== undefined);
  if (measured.length < 2) return null;
  const [best, next] = [...measured].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  return {
    traffic,
    best: { label: best.label, value: best.value, unit: best.unit, ratio: best.ratio, floor: best.floor?.label },
    next: { label: next.label, value: next.value },
  };
}

/** The "which path?" rows of a report's figures. */
export function whichPath(figures: readonly Figure[]): PathRow[] {
  const byId = new Map(figures.map((f) => [f.id, f]));
  const sizes = [
    ...new Set(
      figures.filter((f) => f.group === 'down' || f.group === 'up').map((f) => Number(f.id.split('.').at(-1))),
    ),
  ].sort((a, b) => a - b);
  const encodings = ['raw', 'base64', 'jsonArray'];
  const rows: (PathRow | null)[] = [
    ...(['down', 'up'] as const).flatMap((group) =>
      sizes.map((size) =>
        row(
          `${group === 'down' ? 'Rust → JS' : 'JS → Rust'}, ${sizeLabel(size)}`,
          encodings.map((e) => byId.get(`${group}.${e}.${size}`)),
        ),
      ),
    ),
    row(
      'bulk down, the largest size',
      figures.filter((f) => f.group === 'bulk' && f.id !== 'bulk.best' && f.id !== 'bulk.app'),
    ),
    row(
      'many small messages',
      ['messages.channel', 'messages.batched', 'messages.events'].map((id) => byId.get(id)),
    ),
    row(
      'a large JSON answer',
      ['json.ipc', 'json.eval', 'json.fetch'].map((id) => byId.get(id)),
    ),
  ];
  return rows.filter((r): r is PathRow => r !== null);
}
