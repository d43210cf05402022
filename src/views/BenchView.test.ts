import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import { createWebHashHistory } from 'vue-router';
import { createAppRouter } from '../router';
import { fakeBench, QUICK_COSTS } from '../testing/fakeBench';
import { TEST_SCALE } from '../testing/scale';

// Hooks run last-registered first: views unmount (and cancel) before the mocks go.
afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.resetModules(); // the run mode is claimed once per page: each test gets a fresh one
});
enableAutoUnmount(afterEach);

/** The view with the chart stubbed (jsdom has no canvas); the tables carry the numbers. */
async function mountView() {
  const { default: BenchView } = await import('./BenchView.vue');
  return mount(BenchView, { global: { stubs: { BenchChart: { template: '<div data-testid="bench-chart"></div>' } } } });
}

const until = async (condition: () => boolean) => {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: 30_000, interval: 20 });
  await flushPromises();
};

describe('BenchView', () => {
  const SYNC_FLOOR = "fetch bench:noop, answered on the scheme handler's thread, p50 of batch means";

  it('runs the quick bench with its progress, then lists each figure beside its floor, and exports the report', async () => {
    const fake = fakeBench(QUICK_COSTS);
    const view = await mountView();
    await view.get('[data-testid=bench-run-quick]').trigger('click');
    await flushPromises();
    expect(view.get('[data-testid=bench-run]').attributes('disabled')).toBeDefined();
    expect(view.get('[data-testid=bench-step]').text()).toMatch(/^\d+ of 22: /);
    await until(() => view.find('[data-testid=bench-status]').exists());

    expect(view.get('[data-testid=bench-status]').text()).toBe('Done: 83 figures (quick run).');
    const sync = view.get('[data-figure="invoke.sync.p50"]');
    // Each cell's parts (a value and its note are separate lines on screen).
    const parts = sync.findAll('td').map((td) => [td.text(), ...td.findAll('span, small').map((part) => part.text())]);
    expect(parts).toEqual([
      ['12000 µs'],
      [`10000 µs${SYNC_FLOOR}`, '10000 µs', SYNC_FLOOR],
      ['1.20× 1.20–1.20× over the repetitionslower is better', '1.20–1.20× over the repetitions', 'lower is better'],
      ['≤ 1.25× met'],
    ]);
    const best = view.get('[data-figure="bulk.best"]');
    expect(best.get('[data-testid=figure-target]').text()).toBe('≥ 0.9× MISSED');
    expect(best.get('[data-testid=figure-target]').classes()).toContain('missed');
    // A chart per figure table (the which-path table has none).
    expect(view.findAll('[data-testid=bench-chart]').length).toBe(view.findAll('table').length - 1);
    expect(view.find('[data-testid="bench-table-down-MiB/s"]').exists()).toBe(true);
    // Which path: the fastest way per traffic (the fake's costs: raw is the fastest 1 MiB down).
    const rows = view.findAll('[data-testid=which-path] tbody tr').map((tr) => tr.get('th').text());
    expect(rows).toContain('Rust → JS, 1.0 MiB');
    const down = view
      .findAll('[data-testid=which-path] tbody tr')
      .find((tr) => tr.get('th').text() === 'Rust → JS, 1.0 MiB');
    expect(down?.findAll('td')[0].text()).toBe('1.0 MiB to JS as a raw ArrayBuffer, decoded to bytes');

    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    await view.get('[data-testid=bench-export]').trigger('click');
    const report = JSON.parse(view.get('[data-testid=bench-report]').text()) as {
      environment: { api: string };
      figures: unknown[];
    };
    expect(report.environment.api).toMatch(/^2\./);
    expect(report.figures).toHaveLength(83);
    await view.get('[data-testid=bench-copy]').trigger('click');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith(view.get('[data-testid=bench-report]').text());
    expect(view.get('[data-testid=bench-copied]').text()).toBe('copied');
    expect(fake.finished).toEqual([]); // not a --bench run: nothing ends
  }, 60_000);

  it('stops at Cancel and keeps the figures measured so far', async () => {
    fakeBench(QUICK_COSTS);
    const view = await mountView();
    await view.get('[data-testid=bench-run]').trigger('click');
    await until(() => view.findAll('tbody tr').length > 0);
    await view.get('[data-testid=bench-cancel]').trigger('click');
    await until(() => view.find('[data-testid=bench-status]').exists());
    expect(view.get('[data-testid=bench-status]').text()).toMatch(/^Stopped \(cancelled\) after \d+ figures\.$/);
    expect(view.find('[data-testid=bench-cancel]').exists()).toBe(false);
    expect(view.get('[data-testid=bench-run]').attributes('disabled')).toBeUndefined();
  }, 60_000);

  it('runs by itself in a --bench --quick run and hands the report to finish_run', async () => {
    const fake = fakeBench(QUICK_COSTS, {
      suite: 'bench',
      quick: true,
      transport: 'customProtocol',
      scale: TEST_SCALE,
      platform: 'linux',
      mobile: false,
    });
    const { startRunMode } = await import('../composables/useRunMode');
    await startRunMode(createAppRouter(createWebHashHistory()));
    expect(window.location.hash).toBe('#/bench');
    const view = await mountView();
    await until(() => fake.finished.length > 0);
    expect(fake.finished).toHaveLength(1);
    const [{ results, passed }] = fake.finished as {
      results: { figures: unknown[]; error?: string };
      passed: boolean;
    }[];
    expect(passed).toBe(true);
    expect(results.figures).toHaveLength(83);
    expect(results.error).toBeUndefined();
    expect(view.get('[data-testid=bench-status]').text()).toContain('(quick run)');
    expect(fake.commands()[0]).toBe('run_mode');
  }, 60_000);
});
