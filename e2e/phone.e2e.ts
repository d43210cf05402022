// Phone-shaped: every view of main and every secondary window (each a route of main on a phone)
// at 360 × 780 and 390 × 844, laid out as a phone lays it out — the page's `(pointer: coarse)`
// rules in force, which WebKitGTK under Xvfb never matches on its own. Nothing may scroll
// sideways, every control must be at least 44 × 44 px, and form fields 16 px text (below that
// iOS zooms in on focus). `IPC_LAB_SHOTS=<folder>` saves a screenshot of each, a page at a time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until, type WebDriver } from 'selenium-webdriver';
import { byTestId, launchApp, openView, typeInto } from './app';

const SIZES = [
  { width: 360, height: 780 },
  { width: 390, height: 844 },
] as const;
/** main's views, as `NAV` in src/router.ts lists them. */
const VIEWS = [
  'commands',
  'files',
  'downloads',
  'jobs',
  'account',
  'events',
  'settings',
  'bench',
  'self-test',
  'cookbook',
];

let driver: WebDriver;
const file = join(inject('appDataDir'), 'files', 'phone', 'notes.txt');

beforeAll(async () => {
  driver = await launchApp();
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    `A file shown on a phone.\n${'A long line that has to wrap rather than push the page sideways. '.repeat(4)}\n`,
  );
});

afterAll(async () => {
  await driver?.quit();
});

/**
 * Makes the page's `(pointer: coarse)` rules apply whatever the pointer: each inner rule again at
 * the end of its sheet, unconditioned (through the CSSOM: the CSP refuses a `<style>` element).
 */
const FORCE_COARSE = `
  if (window.__forcedCoarse) return window.__forcedCoarse;
  let count = 0;
  for (const sheet of document.styleSheets) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (rule instanceof CSSMediaRule && rule.conditionText.replace(/\\s/g, '') === '(pointer:coarse)') {
        for (const inner of Array.from(rule.cssRules)) sheet.insertRule(inner.cssText, sheet.cssRules.length);
        count += rule.cssRules.length;
      }
    }
  }
  window.__forcedCoarse = count;
  return count;
`;

interface Layout {
  innerWidth: number;
  overflow: number;
  /** Visible elements wider than the viewport's right edge (what would be cut off). */
  outside: string[];
  /** Visible controls under 44 × 44 px (fields: under 44 px high) with their sizes. */
  small: string[];
  /** Form fields with text under 16 px. */
  zooming: string[];
}

const MEASURE = `
  const name = (el) => el.tagName.toLowerCase() + (el.dataset.testid ? '[' + el.dataset.testid + ']' : '') +
    (el.textContent.trim() ? ' "' + el.textContent.trim().slice(0, 30) + '"' : '');
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const width = document.documentElement.clientWidth;
  const inScroller = (el) => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const outside = [...document.body.querySelectorAll('*')].filter((el) => visible(el) && !inScroller(el) && el.getBoundingClientRect().right > width + 0.5).map(name);
  const small = [...document.querySelectorAll('button, select, input, nav a, summary')].filter(visible).flatMap((el) => {
    const r = el.getBoundingClientRect();
    const field = el.matches('input, select');
    return r.height < 44 || (!field && r.width < 44) ? [name(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)] : [];
  });
  const zooming = [...document.querySelectorAll('input, select, textarea')].filter(visible).filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16).map(name);
  return { innerWidth: window.innerWidth, overflow: document.documentElement.scrollWidth - width, outside, small, zooming };
`;

async function resize(size: { width: number; height: number }) {
  await driver.manage().window().setRect(size);
  await driver.wait(
    async () => (await driver.executeScript<number>('return window.innerWidth;')) === size.width,
    5_000,
  );
}

/** The current window at `size`, coarse: its layout, and screenshots a page at a time. */
async function check(name: string, size: { width: number; height: number }): Promise<Layout> {
  await resize(size);
  expect(await driver.executeScript<number>(FORCE_COARSE), 'the page has (pointer: coarse) rules').toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 300)); // a layout after the rules, and any transition
  const layout = await driver.executeScript<Layout>(MEASURE);
  const folder = process.env.IPC_LAB_SHOTS;
  if (folder) {
    mkdirSync(folder, { recursive: true });
    const height = await driver.executeScript<number>('return document.documentElement.scrollHeight;');
    for (let page = 0; page * size.height < height && page < 4; page++) {
      await driver.executeScript('window.scrollTo(0, arguments[0]);', page * size.height);
      await new Promise((r) => setTimeout(r, 150));
      const png = Buffer.from(await driver.takeScreenshot(), 'base64');
      writeFileSync(join(folder, `${name}-${size.width}x${size.height}-${page + 1}.png`), png);
    }
    await driver.executeScript('window.scrollTo(0, 0);');
  }
  return layout;
}

function expectPhoneShaped(name: string, size: { width: number }, layout: Layout) {
  expect({ name, ...layout }).toEqual({
    name,
    innerWidth: size.width,
    overflow: 0,
    outside: [],
    small: [],
    zooming: [],
  });
}

/** Opens a window from main with `button`, checks it at every size, closes it. */
async function checkWindow(name: string, button: string, shown: string) {
  const main = await driver.getWindowHandle();
  await driver.findElement(byTestId(button)).click();
  await driver.wait(async () => (await driver.getAllWindowHandles()).length === 2, 15_000);
  const other = (await driver.getAllWindowHandles()).find((handle) => handle !== main)!;
  await driver.switchTo().window(other);
  await driver.wait(until.elementLocated(byTestId(shown)), 15_000);
  for (const size of SIZES) expectPhoneShaped(name, size, await check(name, size));
  await driver.close();
  await driver.switchTo().window(main);
}

/** The Files view with the file open, as it mostly is. */
async function openFile() {
  await openView(driver, 'files');
  await typeInto(driver, 'file-path', file);
  await driver.findElement(byTestId('file-open')).click();
  await driver.wait(until.elementLocated(byTestId('open-in-viewer')), 15_000);
}

describe('a phone-sized window', () => {
  it('shows every view of main without sideways scrolling, with 44 px controls and 16 px fields', async () => {
    for (const view of VIEWS) {
      if (view === 'files') await openFile();
      else await openView(driver, view);
      await driver.wait(until.elementLocated({ css: 'main > *' }), 15_000);
      for (const size of SIZES) expectPhoneShaped(view, size, await check(view, size));
    }
  });

  it('shows a Cookbook recipe and the Inspector the same way', async () => {
    await openView(driver, 'commands');
    await driver.findElement(byTestId('how-commands')).click();
    await driver.wait(until.elementLocated(byTestId('recipe')), 15_000);
    for (const size of SIZES) expectPhoneShaped('recipe', size, await check('recipe', size));
    await driver.findElement(byTestId('inspector-toggle')).click();
    await driver.wait(until.elementLocated(byTestId('inspector')), 15_000);
    await driver.executeScript("document.querySelector('[data-testid=inspector]').scrollIntoView()");
    for (const size of SIZES) expectPhoneShaped('inspector', size, await check('inspector', size));
    await driver.findElement(byTestId('inspector-toggle')).click();
  });

  it('shows each secondary window (a route of main on a phone) the same way', async () => {
    await openFile();
    await checkWindow('viewer', 'open-in-viewer', 'viewer-path');
    await openView(driver, 'settings');
    await checkWindow('preferences', 'open-settings-window', 'pref-quota');
    await openView(driver, 'account');
    await checkWindow('login', 'open-login-window', 'login-form');
  });
});
