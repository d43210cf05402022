import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { tauriCallbackCount } from '../../api';
import { mountLoopChecks, reloadChecks, settledCounts, type CountReaders, type Counts } from './hygiene';
import { mountProbe, PROBE_LISTENERS, type MountedProbe } from './probe';

afterEach(() => clearMocks());

/** A page whose live listener count the fake probes move: `leakEvery` unmounts leave one behind. */
function fakePage({ leakEvery = 0, shows = true } = {}) {
  let live = 3;
  let countedUnmounts = 0;
  const read: CountReaders = { js: () => live, callbacks: () => live + 10, rust: () => Promise.resolve(7) };
  const mount = (): MountedProbe => {
    let mounted = true;
    let counted = false;
    const registered = Promise.resolve().then(() => {
      if (mounted && shows) {
        live += PROBE_LISTENERS;
        counted = true;
      }
    });
    return {
      registered,
      unmount: () => {
        mounted = false;
        if (!counted) return;
        countedUnmounts++;
        live -= PROBE_LISTENERS - (leakEvery && countedUnmounts % leakEvery === 0 ? 1 : 0);
      },
    };
  };
  return { read, mount };
}

const counts = (js: number | null, rust = 7): Counts => ({ js, callbacks: 0, rust });

describe('the mount loop', () => {
  it('passes when every listener goes with its component', async () => {
    const page = fakePage();
    const checks = await mountLoopChecks(page.mount, undefined, page.read, 100);
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    expect(checks).toHaveLength(3);
  });

  it('fails when components leave listeners behind', async () => {
    const page = fakePage({ leakEvery: 10 });
    const checks = await mountLoopChecks(page.mount, undefined, page.read, 100);
    expect(checks.map((c) => c.passed)).toEqual([true, false, false]);
    expect(checks[1].detail).toBe('3 before, 8 after'); // 50 mounts counted: every 10th unmount leaks
  });

  it('fails when a mounted component does not show in the count: the rest would prove nothing', async () => {
    const page = fakePage({ shows: false });
    const [shown] = await mountLoopChecks(page.mount, undefined, page.read, 10);
    expect(shown).toMatchObject({ passed: false, detail: 'the count went from 3 to 3' });
  });

  it("fails the callback checks when Tauri's callback table cannot be read (null before and after)", async () => {
    const page = fakePage();
    const read: CountReaders = { ...page.read, callbacks: () => null };
    const checks = await mountLoopChecks(page.mount, undefined, read, 10);
    expect(checks.map((c) => c.passed)).toEqual([false, true, false]);
    expect(checks[0].detail).toBe('the callback table went from null to null handlers');
    expect(checks[2].detail).toBe("Tauri's callback table is not there to read");
  });

  it("fails when a mounted component's handlers do not show in the callback table", async () => {
    const page = fakePage();
    const read: CountReaders = { ...page.read, callbacks: () => 13 };
    const [shown] = await mountLoopChecks(page.mount, undefined, read, 10);
    expect(shown).toMatchObject({ passed: false, detail: 'the callback table went from 13 to 13 handlers' });
  });

  it('leaves the callback table of the IPC mocks as it was, with the real listening component', async () => {
    mockWindows('main');
    mockIPC(() => 1, { shouldMockEvents: true });
    const read: CountReaders = {
      js: tauriCallbackCount,
      callbacks: tauriCallbackCount,
      rust: () => Promise.resolve(0),
    };
    const before = tauriCallbackCount();
    const checks = await mountLoopChecks(mountProbe, undefined, read, 50);
    expect(checks.filter((c) => !c.passed)).toEqual([]);
    expect(tauriCallbackCount()).toBe(before);
  });
});

describe('the reload loop', () => {
  it('passes when every reloaded page has the count the run started with', async () => {
    const checks = await reloadChecks(counts(5), [counts(5), counts(5), counts(5)], 3);
    expect(checks.map((c) => c.passed)).toEqual([true, true]);
  });

  it('fails on a page with more listeners, a missing page, or more Rust listeners', async () => {
    const grew = await reloadChecks(counts(5), [counts(5), counts(6), counts(5)], 3);
    expect(grew[0]).toMatchObject({ passed: false, detail: '5 at the start, then [5,6,5]' });
    const short = await reloadChecks(counts(5), [counts(5)], 3);
    expect(short[0]).toMatchObject({ passed: false, detail: '1 pages counted of 3' });
    const rust = await reloadChecks(counts(5), [counts(5), counts(5, 8), counts(5, 9)], 3);
    expect(rust.map((c) => c.passed)).toEqual([true, false]);
    const unreadable = await reloadChecks(counts(null), [counts(null)], 1);
    expect(unreadable[0].passed).toBe(false);
  });

  it('counts only once the page has held still', async () => {
    let reads = 0;
    const read: CountReaders = { js: () => Math.min(++reads, 5), callbacks: () => 0, rust: () => Promise.resolve(2) };
    await expect(settledCounts(read)).resolves.toEqual({ js: 5, callbacks: 0, rust: 2 });
  });
});
