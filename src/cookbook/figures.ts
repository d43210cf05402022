// A recipe's cost on this device: the first of its figures found in the newest kept bench
// report that has one (a report of one group, from a recipe's "Measure now", counts too).
import type { KeptReport } from '../api';
import type { Figure } from '../bench/report';

export interface MeasuredFigure {
  figure: Figure;
  report: Pick<KeptReport, 'savedMs' | 'quick' | 'completed'>;
}

/** `ids` in order of preference; `reports` newest first, as benchReports() answers. */
export function latestFigure(reports: readonly KeptReport[], ids: readonly string[]): MeasuredFigure | null {
  for (const report of reports) {
    for (const id of ids) {
      const figure = report.results.figures.find((f) => f.id === id);
      if (figure) return { figure, report };
    }
  }
  return null;
}
