import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import { createWebHashHistory } from 'vue-router';
import { createAppRouter } from '../router';
import { makeFigure, type Figure } from '../bench/report';
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
    expect(best.get('[data-testid=figure-target]').classes()).toContain('short');
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
    // Kept on this device as its newest report.
    expect(fake.kept.map((r) => [r.id, r.quick, r.completed, r.results.figures.length])).toEqual([[1, true, true, 83]]);
  }, 60_000);

  it('opens with the last report of this device and sets two side by side', async () => {
    const fake = fakeBench(QUICK_COSTS);
    const figure = (value: number, samples: number[]) =>
      makeFigure({
        id: 'invoke.sync.p50',
        group: 'invoke',
        label: 'sync invoke, p50',
        unit: 'µs',
        value,
        samples,
        floor: { label: 'noop fetch', value: 300 },
      });
    const environment = { webview: 'test', api: '2.12.0' };
    const keep = (id: number, figures: Figure[], quick: boolean, completed: boolean) =>
      fake.kept.unshift({ id, savedMs: Date.UTC(2026, 11, id), quick, completed, results: { environment, figures } });
    keep(1, [figure(400, [390, 400, 410])], false, true);
    keep(
      2,
      [
        figure(500, [490, 500, 510]),
        makeFigure({ id: 'json.ipc', group: 'json', label: 'json', unit: 'ms', value: 9 }),
      ],
      true,
      false,
    );
    const view = await mountView();
    await until(() => view.find('[data-testid=bench-last]').exists());

    expect(view.get('[data-testid=bench-last]').text()).toMatch(
      /^The last report of this device, saved .+: 2 figures \(quick run\), stopped \(before its end\)\.$/,
    );
    expect(view.get('[data-figure="invoke.sync.p50"] td').text()).toBe('500 µs');
    // Newest against the one before: the time rose beyond the repetitions' spread.
    expect(view.findAll('[data-testid=compare-table] tbody tr')).toHaveLength(1);
    const row = view.get('[data-compare="invoke.sync.p50"]');
    expect(row.findAll('td').map((td) => td.text())).toEqual(['400 µs', '500 µs', '▼ worse ×1.25', '1.33× → 1.67×']);
    // The other way round, it got better.
    await view.get('[data-testid=compare-before]').setValue(2);
    await view.get('[data-testid=compare-after]').setValue(1);
    expect(view.get('[data-testid=compare-change]').text()).toBe('▲ better ×0.80');

    // A run replaces the last report, and is kept as the newest.
    await view.get('[data-testid=bench-run-quick]').trigger('click');
    await until(() => view.find('[data-testid=bench-status]').exists());
    expect(view.find('[data-testid=bench-last]').exists()).toBe(false);
    expect(fake.kept.map((r) => r.id)).toEqual([3, 2, 1]);
    expect((view.get('[data-testid=compare-after]').element as HTMLSelectElement).value).toBe('3');
    expect((view.get('[data-testid=compare-before]').element as HTMLSelectElement).value).toBe('2');
  }, 60_000);

  it('says when the Inspector is open, since its tap then logs every measured call', async () => {
    fakeBench(QUICK_COSTS);
    const { useInspectorOpen } = await import('../inspector/useInspectorOpen');
    const view = await mountView();
    expect(view.find('[data-testid=bench-inspector-open]').exists()).toBe(false);
    useInspectorOpen().value = true;
    await flushPromises();
    expect(view.get('[data-testid=bench-inspector-open]').text()).toMatch(/^The Inspector is open/);
    useInspectorOpen().value = false;
  });

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
      pattern: 'brownfield',
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
