// Runs the bench matrix (plan.ts) step by step: tells which step is being measured (n of m),
// hands over the figures as they come, and stops between batches when cancelled. A run that
// stops early still answers what it measured, with why it stopped.
import { toAppError } from '../api';
import { benchPlan, SETTINGS, type BenchStep, type Group } from './plan';
import { benchEnvironment, type BenchResults, type Figure } from './report';

export interface BenchProgress {
  /** 1-based index of the step being measured. */
  step: number;
  steps: number;
  label: string;
}

export interface BenchRunOptions {
  quick: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: BenchProgress) => void;
  /** Every figure so far, after each step. */
  onFigures?: (figures: Figure[]) => void;
  /** Only the steps of these groups (every group by default). */
  groups?: readonly Group[];
  /** The steps to run (the plan of the mode by default; tests pass their own). */
  steps?: BenchStep[];
}

export interface BenchOutcome {
  results: BenchResults;
  /** Every step ran to its end (a cancel or an error is not completion). */
  completed: boolean;
}

export async function runBench({
  quick,
  signal,
  onProgress,
  onFigures,
  groups,
  steps,
}: BenchRunOptions): Promise<BenchOutcome> {
  const settings = SETTINGS[quick ? 'quick' : 'full'];
  const plan = steps ?? benchPlan(settings, groups);
  const figures: Figure[] = [];
  const results: BenchResults = { environment: benchEnvironment(), figures };
  try {
    for (const [index, step] of plan.entries()) {
      signal?.throwIfAborted();
      onProgress?.({ step: index + 1, steps: plan.length, label: step.label });
      // A task boundary before each step: the view paints the progress and a Cancel gets its
      // turn, even where every call of a step settles as a microtask.
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      figures.push(...(await step.run({ settings, signal })));
      onFigures?.([...figures]);
    }
  } catch (reason) {
    results.error = signal?.aborted ? 'cancelled' : toAppError(reason).message;
    return { results, completed: false };
  }
  return { results, completed: true };
}
