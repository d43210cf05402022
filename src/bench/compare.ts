// Two bench reports side by side: for each figure both measured (by id), its value then and now,
// how it changed in its own direction (higher rates, lower times are better), and its ratio to
// its floor then and now (the fairer comparison across runs: the floor was measured in the same
// run). A change whose repetitions overlap is "within noise", as a target is.
import type { Figure, Unit } from './report';
import { UNITS } from './report';

export type Change = 'better' | 'worse' | 'within noise';

export interface ComparedFigure {
  id: string;
  label: string;
  unit: Unit;
  before: number;
  after: number;
  /** `after / before` in the figure's unit. */
  factor: number;
  change: Change;
  ratios: [number | undefined, number | undefined];
}

/** The least and most of a figure's repetitions (its value alone without them). */
function spread(figure: Figure): [number, number] {
  const samples = figure.samples?.filter(Number.isFinite) ?? [];
  return samples.length ? [Math.min(...samples), Math.max(...samples)] : [figure.value, figure.value];
}

function change(before: Figure, after: Figure): Change {
  const [lowBefore, highBefore] = spread(before);
  const [lowAfter, highAfter] = spread(after);
  if (lowAfter <= highBefore && lowBefore <= highAfter) return 'within noise';
  const higher = after.value > before.value;
  return higher === (UNITS[after.unit] === 'rate') ? 'better' : 'worse';
}

/** The figures of `after` that `before` measured too (same id and unit), in `after`'s order. */
export function compareFigures(before: readonly Figure[], after: readonly Figure[]): ComparedFigure[] {
  const earlier = new Map(before.map((f) => [f.id, f]));
  return after.flatMap((now) => {
    const then = earlier.get(now.id);
    if (!then || then.unit !== now.unit || !(then.value > 0)) return [];
    return [
      {
        id: now.id,
        label: now.label,
        unit: now.unit,
        before: then.value,
        after: now.value,
        factor: now.value / then.value,
        change: change(then, now),
        ratios: [then.ratio, now.ratio],
      },
    ];
  });
}
