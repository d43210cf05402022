// Listener hygiene: listening components that come and go leave no listener behind, nor do page
// reloads. Counted where Tauri keeps them: the page's live listeners (Tauri's listener table,
// liveJsListenerCount), its callback table, and the app's own Rust listeners
// (rust_listener_count). The reload loop spans pages: its state is the run's (session.ts). How
// many mounts and reloads is the run's scale (Rust's `services::bench::scale`).
import { liveJsListenerCount, rustListenerCount, tauriCallbackCount } from '../../api';
import { describe, ensure, runCheck, sleep, suiteOf, waitUntil, type CheckResult, type OnCheck } from './checks';
import { PROBE_LISTENERS, type MountedProbe } from './probe';

export interface Counts {
  /** The page's live event listeners (null: Tauri's tables are not there to read). */
  js: number | null;
  /** Handlers in Tauri's callback table. */
  callbacks: number | null;
  /** The app's own Rust listeners, all events together. */
  rust: number;
}

export interface CountReaders {
  js: () => number | null;
  callbacks: () => number | null;
  rust: () => Promise<number>;
}

export const liveCounts: CountReaders = {
  js: liveJsListenerCount,
  callbacks: tauriCallbackCount,
  rust: async () => (await rustListenerCount()).reduce((sum, c) => sum + c.count, 0),
};

/** How long the page's counts must hold still to count as settled, and the most to wait. */
export const SETTLE_MS = 300;
export const SETTLE_TIMEOUT_MS = 5000;

/**
 * The counts once the page's have held still for SETTLE_MS: a listener's table entry lands
 * by an `eval` of its own after listen() resolved, and unlistens finish after they are sent.
 */
export async function settledCounts(read: CountReaders = liveCounts): Promise<Counts> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let last = [read.js(), read.callbacks()];
  let stillSince = Date.now();
  while (Date.now() - stillSince < SETTLE_MS && Date.now() < deadline) {
    await sleep(50);
    const now = [read.js(), read.callbacks()];
    if (now[0] !== last[0] || now[1] !== last[1]) stillSince = Date.now();
    last = now;
  }
  return { js: last[0], callbacks: last[1], rust: await read.rust() };
}

/**
 * Mounts and unmounts a listening component `mounts` times (every other one goes before its
 * listen() calls resolve) and checks the counts are back where they were; first, that one
 * mounted component's listeners do show in the count (or the rest would prove nothing).
 */
export async function mountLoopChecks(
  mount: () => MountedProbe,
  onCheck: OnCheck | undefined,
  read: CountReaders,
  mounts: number,
): Promise<CheckResult[]> {
  const { checks, check } = suiteOf('hygiene', onCheck);
  const before = await settledCounts(read);
  await check(
    `a mounted listening component's ${PROBE_LISTENERS} listeners show in the live count and the callback table`,
    async () => {
      ensure(before.js !== null, "Tauri's listener table is not there to read");
      const probe = mount();
      await probe.registered;
      const shown = await waitUntil(() => read.js() === (before.js ?? 0) + PROBE_LISTENERS, 2000);
      const seen = read.js();
      const handlers = read.callbacks();
      probe.unmount();
      ensure(shown, `the count went from ${before.js} to ${seen}`);
      ensure(
        before.callbacks !== null && handlers !== null && handlers >= before.callbacks + PROBE_LISTENERS,
        `the callback table went from ${before.callbacks} to ${handlers} handlers`,
      );
    },
  );
  const start = await settledCounts(read);
  onCheck?.(`mounting and unmounting ${mounts} times`);
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < mounts; i++) {
    const probe = mount();
    if (i % 2) await probe.registered;
    probe.unmount();
    pending.push(probe.registered);
  }
  await Promise.all(pending);
  const after = await settledCounts(read);
  await check(
    `${mounts} mounts and unmounts (half before listen() resolves) leave the live listener count as it was`,
    () => {
      ensure(start.js !== null, "Tauri's listener table is not there to read");
      ensure(after.js === start.js, `${start.js} before, ${after.js} after`);
    },
  );
  await check("… and Tauri's callback table as it was", () => {
    ensure(start.callbacks !== null && after.callbacks !== null, "Tauri's callback table is not there to read");
    ensure(after.callbacks === start.callbacks, `${start.callbacks} handlers before, ${after.callbacks} after`);
  });
  return checks;
}

/** The reload loop's checks, from the counts at its start and on each reloaded page. */
export async function reloadChecks(baseline: Counts, pages: Counts[], reloads: number): Promise<CheckResult[]> {
  const js = pages.map((c) => c.js);
  return [
    await runCheck(`${reloads} reloads: each reloaded page has the live listener count the run started with`, () => {
      ensure(pages.length === reloads, `${pages.length} pages counted of ${reloads}`);
      ensure(
        baseline.js !== null && js.every((n) => n === baseline.js),
        `${baseline.js} at the start, then ${describe(js)}`,
      );
    }),
    await runCheck(`… and the app's Rust listener count is where it was`, () => {
      const rust = pages.map((c) => c.rust);
      ensure(
        rust.length > 0 && rust.every((n) => n === baseline.rust),
        `${baseline.rust} at the start, then ${describe(rust)}`,
      );
    }),
  ];
}
