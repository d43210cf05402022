// The Bench view's memory in the real webview: reports kept in the app's private folder (the
// last six) come back when the app starts, the view opens with the newest and sets two side by
// side, and a run is kept through `save_bench_report` as the newest, on disk.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { By, until, type WebDriver } from 'selenium-webdriver';
import { byTestId, launchApp, openView } from './app';

const kept = join(inject('appDataDir'), 'private', 'bench-reports.json');
interface Figure {
  id: string;
  unit: string;
  value: number;
  samples?: number[];
}
/** A real report's first figures (the README's full run), and the same run three times slower:
 * beyond the spread of its repetitions. */
const { results } = JSON.parse(readFileSync(resolve('docs/bench-report.json'), 'utf8')) as {
  results: { environment: unknown; figures: Figure[] };
};
const figures = results.figures.slice(0, 3);
const slower = figures.map((f) => {
  const factor = f.unit === 'µs' || f.unit === 'ms' ? 3 : 1 / 3;
  return { ...f, value: f.value * factor, samples: f.samples?.map((s) => s * factor) };
});
const report = (id: number, figs: unknown[], completed: boolean) => ({
  id,
  savedMs: Date.UTC(2026, 11, id),
  quick: false,
  completed,
  results: { environment: results.environment, figures: figs },
});

let driver: WebDriver;

beforeAll(async () => {
  mkdirSync(join(kept, '..'), { recursive: true, mode: 0o700 });
  // Newest first, as the app keeps them.
  writeFileSync(kept, JSON.stringify([report(2, slower, true), report(1, figures, true)]));
  driver = await launchApp();
});

afterAll(async () => {
  await driver?.quit();
});

describe('Bench view', () => {
  it('opens with the last report of this device and compares it with the one before', async () => {
    await openView(driver, 'bench');
    const last = await driver.wait(until.elementLocated(byTestId('bench-last')), 15_000);
    expect(await last.getText()).toMatch(/^The last report of this device, saved .+: 3 figures\.$/);
    const shots = process.env.IPC_LAB_SHOTS;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      const compare = await driver.findElement(byTestId('compare-table'));
      await driver.executeScript('arguments[0].scrollIntoView()', compare);
      writeFileSync(join(shots, 'bench-compare.png'), await driver.takeScreenshot(), 'base64');
    }
    const row = await driver.findElement(By.css(`[data-compare="${figures[0].id}"]`));
    expect(await row.findElement(byTestId('compare-change')).getText()).toMatch(/^▼ worse\s+×3\.00$/);
  });

  it('keeps a run as the newest report, on disk', async () => {
    await driver.findElement(byTestId('bench-run-quick')).click();
    await driver.wait(until.elementLocated(byTestId('bench-status')), 240_000);
    const later = await driver.findElement(byTestId('compare-after'));
    await driver.wait(async () => (await later.getAttribute('value')) === '3', 15_000);
    const onDisk = JSON.parse(readFileSync(kept, 'utf8')) as { id: number; quick: boolean }[];
    expect(onDisk.map((r) => [r.id, r.quick])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
  }, 300_000);
});
