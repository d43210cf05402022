// The self-test as state for its view: a run with which check is going on, and its outcome.
// A run spans page reloads (src/bench/selfTest/runner.ts): a page that finds one pending in
// sessionStorage resumes it at once. For a `--self-test` run of the app, the last page hands
// the report to finish_run (passed: every expected check ran, and passed; the report carries how
// many were expected, src/bench/selfTest/checks.ts EXPECTED_CHECKS), and tells Rust as it
// reaches each suite and reloaded page (run_progress: a log line for a device CI). The counts
// are the run mode's scale.
import { ref, shallowRef, watch } from 'vue';
import {
  currentWindowLabel,
  finishRun,
  runMode,
  runProgress,
  toAppError,
  type AppError,
  type SelfTestScale,
} from '../api';
import { benchEnvironment } from '../bench/report';
import {
  pendingRun,
  resumeSelfTest,
  startSelfTest,
  type SelfTestDeps,
  type SelfTestProgress,
  type SelfTestStep,
} from '../bench/selfTest/runner';
import { recordedHandshake, useHandshake } from './useHandshake';
import { claimAutoRun, useRunMode } from './useRunMode';

type Done = Extract<SelfTestStep, { status: 'done' }>;

export function useSelfTest() {
  const running = ref(false);
  const progress = shallowRef<SelfTestProgress | null>(null);
  const outcome = shallowRef<Done | null>(null);
  const error = shallowRef<AppError | null>(null);
  /** The counts a run here uses (null until the run mode answered). */
  const scale = shallowRef<SelfTestScale | null>(null);
  const handshake = useHandshake();

  const deps: SelfTestDeps = {
    handshake: () => {
      const kept = recordedHandshake();
      return {
        ready: handshake.ready.value,
        backendMessage: kept.backendMessage ?? handshake.backendMessage.value,
        evalMessage: kept.evalMessage ?? handshake.evalMessage.value,
      };
    },
    label: currentWindowLabel(),
    storage: sessionStorage,
    reload: () => window.location.reload(),
    onProgress: (p) => (progress.value = p),
    // A progress line is for the log only: a run does not stop because one was not written.
    announce: async (suite, reload) => {
      await runProgress(suite, reload).catch(() => {});
    },
  };

  async function runScale(): Promise<SelfTestScale> {
    scale.value ??= (await runMode()).scale;
    return scale.value;
  }

  /** Runs a step of the run; the last one shows (and, for a suite run, reports) the outcome. */
  async function step(next: () => Promise<SelfTestStep>, finish: boolean) {
    running.value = true;
    error.value = null;
    outcome.value = null;
    let result: SelfTestStep;
    try {
      result = await next();
    } catch (reason) {
      running.value = false;
      error.value = toAppError(reason);
      if (finish)
        await finishRun({ environment: benchEnvironment(), error: error.value.message }, false).catch(() => {});
      return;
    }
    if (result.status === 'reloading') return; // this page goes; the next one resumes
    running.value = false;
    progress.value = null;
    outcome.value = result;
    if (result.finish) {
      const report = { environment: benchEnvironment(), suites: result.suites, summary: result.summary };
      await finishRun(report, result.passed).catch((reason) => (error.value = toAppError(reason)));
    }
  }

  const run = (finish = false) => step(async () => startSelfTest(deps, finish, await runScale()), finish);

  const pending = pendingRun(deps.storage);
  if (pending) void step(() => resumeSelfTest(deps, pending), pending.finish);

  void runScale().catch(() => {}); // for the view; a run asks again if this failed

  const { mode } = useRunMode();
  watch(
    mode,
    (m) => {
      if (m && !pending && claimAutoRun('selfTest')) void run(true);
    },
    { immediate: true },
  );

  return { running, progress, outcome, error, scale, run };
}
