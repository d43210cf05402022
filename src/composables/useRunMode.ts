// How this run of the app was started. At startup (`startRunMode`, from the root component) a
// `--bench` or `--self-test` run goes to its view, which runs the suite and ends the run with
// its report (finish_run). `claimAutoRun` hands that run to one view, once per page.
import { shallowRef } from 'vue';
import type { Router } from 'vue-router';
import { runMode, type RunModeInfo, type Suite } from '../api';
import type { RouteName } from '../router';

/** The route of each suite's view. */
export const SUITE_ROUTES = { bench: 'bench', selfTest: 'self-test' } as const satisfies Record<Suite, RouteName>;

/** How this run was started (the transport of the call that asked does not matter here). */
const mode = shallowRef<Pick<RunModeInfo, 'suite' | 'quick'> | null>(null);
let claimed = false;

/**
 * Reads the run mode, and with it the platform (`isMobile`): main.ts asks before it builds the
 * router, whose routes depend on the platform.
 */
export async function loadRunMode(): Promise<Pick<RunModeInfo, 'suite' | 'quick'>> {
  try {
    mode.value = await runMode();
  } catch (reason) {
    // A window without the bench permission (none asks now): a normal run on the desktop.
    console.error('run_mode failed; running as a normal desktop run', reason);
    mode.value = { suite: null, quick: false };
  }
  return mode.value;
}

/** For a suite run, goes to the suite's view (resolves once it is there); reads the mode if not yet read. */
export async function startRunMode(router: Router): Promise<void> {
  const { suite } = mode.value ?? (await loadRunMode());
  if (suite) await router.push({ name: SUITE_ROUTES[suite] });
}

export function useRunMode() {
  return { mode };
}

/** True once per page, for the view of this run's `suite`: that view runs it and ends the run. */
export function claimAutoRun(suite: Suite): boolean {
  if (claimed || mode.value?.suite !== suite) return false;
  claimed = true;
  return true;
}
