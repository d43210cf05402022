// The bench as state for its view: a run (full or quick) with which step is being measured,
// the figures as they come, a cancel, the reports kept on this device (a run that measured
// something is kept when it ends, so the view opens with the last one), and, for a `--bench`
// run of the app, the report handed to finish_run (passed: the run completed). Started by the
// view, or by the run mode at startup.
import { getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { benchReports, finishRun, saveBenchReport, toAppError, type AppError, type KeptReport } from '../api';
import type { Group } from '../bench/plan';
import type { Figure } from '../bench/report';
import { runBench, type BenchOutcome, type BenchProgress } from '../bench/runner';
import { claimAutoRun, useRunMode } from './useRunMode';

/** `autoRun: false` (the Cookbook's measuring) never takes over a `--bench` run of the app. */
export function useBench({ autoRun = true } = {}) {
  const running = ref(false);
  const quick = ref(false);
  const progress = shallowRef<BenchProgress | null>(null);
  const figures = shallowRef<Figure[]>([]);
  const outcome = shallowRef<BenchOutcome | null>(null);
  const error = shallowRef<AppError | null>(null);
  /** The reports kept on this device, newest first. */
  const kept = shallowRef<KeptReport[]>([]);
  let controller: AbortController | null = null;

  const failed = (reason: unknown) => (error.value = toAppError(reason));
  const loadKept = () =>
    benchReports()
      .then((reports) => (kept.value = reports))
      .catch(failed);

  /** Runs the bench (only `groups`, when given: the Cookbook measures one path's group). */
  async function run(asQuick: boolean, finish = false, groups?: readonly Group[]) {
    if (running.value) return;
    controller = new AbortController();
    running.value = true;
    quick.value = asQuick;
    figures.value = [];
    outcome.value = null;
    error.value = null;
    const done = await runBench({
      quick: asQuick,
      groups,
      signal: controller.signal,
      onProgress: (p) => (progress.value = p),
      onFigures: (all) => (figures.value = all),
    });
    outcome.value = done;
    running.value = false;
    progress.value = null;
    if (done.results.figures.length) {
      await saveBenchReport(done.results, asQuick, done.completed).then(loadKept, failed);
    }
    if (finish) await finishRun(done.results, done.completed).catch(failed);
  }

  const cancel = () => controller?.abort();
  if (getCurrentScope()) onScopeDispose(cancel);

  const { mode } = useRunMode();
  if (autoRun) {
    watch(
      mode,
      (m) => {
        if (m && claimAutoRun('bench')) void run(m.quick, true);
      },
      { immediate: true },
    );
  }
  void loadKept();

  return { running, quick, progress, figures, outcome, error, kept, run, cancel };
}
