// Downloads in the real webview against a real loopback server: the seed's `download` call with
// `onEvent` gets started, progress… and finished in order; the Downloads view shows a finished
// download, the folder's quota and use, and opens it in the Files view; a URL outside the
// window's scope (https on another port than 443 included) reaches nothing; a fetch from a
// server that never stops is cancelled from the page (`cancel_fetch`, and the view's Cancel);
// the settings window sets the quota. With IPC_LAB_SHOTS=<folder>, screenshots of the Downloads
// view and the settings window (wide, and 360 px wide) are saved there.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import {
  byTestId,
  inPage,
  invokeInPage,
  launchApp,
  openView,
  typeInto,
  waitForText,
  startLoopback,
  type Loopback,
} from './app';

let driver: WebDriver;
const downloads = join(inject('appDataDir'), 'files', 'downloads');

/**
 * Serves `/bytes/<n>` (n bytes, sent in 64 KiB pieces 5 ms apart), `/notes.txt`, and `/drip`
 * (a byte every 100 ms for at most a minute).
 */
let loopback: Loopback | undefined;
let serverUrl = '';
const requests: string[] = [];
const NOTES = 'Notes fetched over loopback.\nSecond line.';

function bytes(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff));
}

beforeAll(async () => {
  loopback = await startLoopback((request, response) => {
    requests.push(request.url ?? '');
    const sized = /^\/bytes\/(\d+)$/.exec(request.url ?? '');
    if (request.url === '/notes.txt') {
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end(NOTES);
    } else if (request.url === '/drip') {
      let left = 600;
      const timer = setInterval(() => {
        if (left-- <= 0 || response.destroyed) {
          clearInterval(timer);
          response.end();
        } else response.write('.');
      }, 100);
      response.on('close', () => clearInterval(timer));
    } else if (sized) {
      const body = bytes(Number(sized[1]));
      response.setHeader('Content-Length', body.length);
      let offset = 0;
      const next = () => {
        if (offset >= body.length) return response.end();
        response.write(body.subarray(offset, offset + 65_536));
        offset += 65_536;
        setTimeout(next, 5);
      };
      next();
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  serverUrl = loopback.url;
  driver = await launchApp();
});

afterAll(async () => {
  await driver?.quit();
  await loopback?.close();
});

/** Saves a screenshot as `<IPC_LAB_SHOTS>/<name>.png` when that folder is given. */
async function shot(name: string) {
  const folder = process.env.IPC_LAB_SHOTS;
  if (!folder) return;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.png`), Buffer.from(await driver.takeScreenshot(), 'base64'));
}

/**
 * Screenshots of the current window with `[data-testid=<focus>]` scrolled into view, wide and
 * 360 px wide (its size is put back); the narrow page must not scroll sideways.
 */
async function shots(name: string, focus: string) {
  if (!process.env.IPC_LAB_SHOTS) return;
  const into = `document.querySelector('[data-testid="${focus}"]').scrollIntoView({ block: 'center' });`;
  await driver.executeScript(into);
  await shot(name);
  const rect = await driver.manage().window().getRect();
  await driver.manage().window().setRect({ width: 360, height: rect.height });
  await new Promise((r) => setTimeout(r, 300));
  await driver.executeScript(into);
  const width = await driver.executeScript<number>('return document.documentElement.clientWidth;');
  const overflow = await driver.executeScript<number>(
    'return document.documentElement.scrollWidth - document.documentElement.clientWidth;',
  );
  await shot(`${name}-360`);
  await driver.manage().window().setRect({ width: rect.width, height: rect.height });
  expect(width, 'the window became narrow').toBeLessThanOrEqual(400);
  expect(overflow, `${name} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}

describe('download', () => {
  it("the seed's call with onEvent gets started, progress… and finished in order", async () => {
    const url = `${serverUrl}/bytes/1000000`;
    const got = await inPage<{ messages: { event: string; data: Record<string, unknown> }[]; info: unknown }>(
      driver,
      `// A Channel as @tauri-apps/api builds it: a callback id, messages delivered by index.
       const messages = [];
       const onEvent = '__CHANNEL__:' + transformCallback((m) => { if ('message' in m) messages[m.index] = m.message; });
       const info = await invoke('download', { url: args[0], onEvent });
       const deadline = Date.now() + 5000;
       while (messages.at(-1)?.event !== 'finished' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
       return { messages, info };`,
      url,
    );
    const { messages } = got;
    const events = messages.map((m) => m.event);
    expect(events[0]).toBe('started');
    expect(events.at(-1)).toBe('finished');
    expect(events.slice(1, -1).every((e) => e === 'progress')).toBe(true);
    expect(events.length).toBeGreaterThan(2);
    const id = (got.info as { id: number }).id;
    expect(messages[0].data).toEqual({ url, downloadId: id, contentLength: 1_000_000 });
    const total = messages.slice(1, -1).reduce((sum, m) => sum + (m.data.chunkLength as number), 0);
    expect(total).toBe(1_000_000);
    expect(messages.at(-1)!.data).toEqual({ downloadId: id });
    expect(readFileSync(join(downloads, '1000000')).equals(bytes(1_000_000))).toBe(true);
  });

  it('refuses a URL outside the main window’s scope before connecting', async () => {
    const before = requests.length;
    const port = new URL(serverUrl).port;
    for (const url of [
      `http://0.0.0.0:${port}/notes.txt`,
      `https://127.0.0.1:${port}/notes.txt`,
      'https://169.254.169.254/latest/meta-data/',
      'file:///etc/passwd',
    ]) {
      const settled = await invokeInPage(driver, 'download', { url });
      expect(settled, url).toMatchObject({ error: { kind: 'outsideScope' } });
    }
    expect(requests.length).toBe(before);
  });
});

describe('Downloads view', () => {
  it('shows a finished download and opens it in Files', async () => {
    await openView(driver, 'downloads');
    await typeInto(driver, 'download-url', `${serverUrl}/notes.txt`);
    await driver.findElement(byTestId('download-start')).click();
    const listed = await inPage<{ id: number }[]>(
      driver,
      `const deadline = Date.now() + 10000;
       for (;;) {
         const all = await invoke('list_downloads');
         const done = all.filter((d) => d.url.endsWith('/notes.txt') && d.state === 'finished');
         if (done.length || Date.now() > deadline) return done;
         await new Promise((r) => setTimeout(r, 50));
       }`,
    );
    expect(listed).toHaveLength(1);
    const id = listed[0].id;
    await waitForText(driver, `download-state-${id}`, 'finished');
    const path = join(downloads, 'notes.txt');
    await waitForText(driver, `download-path-${id}`, path);
    await driver.findElement(byTestId(`download-open-${id}`)).click();
    await waitForText(driver, 'file-text', NOTES);
    expect(await driver.findElement(byTestId('file-path')).getAttribute('value')).toBe(path);
  });
});

describe('fetch_data', () => {
  it('is cancelled by the page with its fetchId, only from its own window, and the seed call still works', async () => {
    const notes = await invokeInPage(driver, 'fetch_data', { url: `${serverUrl}/notes.txt` });
    expect(notes).toEqual({ ok: NOTES });
    const got = await inPage<{ settled: unknown; cancelled: unknown; again: unknown; took: number }>(
      driver,
      `const pending = invoke('fetch_data', { url: args[0], fetchId: 77 }).then((ok) => ({ ok }), (error) => ({ error }));
       await new Promise((r) => setTimeout(r, 500));
       const at = Date.now();
       const cancelled = await invoke('cancel_fetch', { fetchId: 77 });
       const settled = await pending;
       const took = Date.now() - at;
       const again = await invoke('cancel_fetch', { fetchId: 77 });
       return { settled, cancelled, again, took };`,
      `${serverUrl}/drip`,
    );
    expect(got.cancelled).toBe(true);
    expect(got.settled).toEqual({ error: { kind: 'cancelled', message: 'cancelled' } });
    expect(got.again).toBe(false);
    expect(got.took).toBeLessThan(1000);
  });

  it('the Downloads view cancels a running fetch', async () => {
    await openView(driver, 'downloads');
    await typeInto(driver, 'fetch-url', `${serverUrl}/drip`);
    await driver.findElement(byTestId('fetch-start')).click();
    const cancel = await driver.wait(async () => (await driver.findElements(byTestId('fetch-cancel')))[0], 10_000);
    await cancel.click();
    await waitForText(driver, 'error-kind', 'cancelled');
  });
});

describe('quota', () => {
  it('the Downloads view shows what the folder uses of its quota', async () => {
    await openView(driver, 'downloads');
    const text = await driver.wait(async () => {
      const found = await driver.findElements(byTestId('download-usage-text'));
      return found.length ? found[0].getText() : undefined;
    }, 10_000);
    expect(text).toMatch(/^\d+(\.\d)? (B|KiB|MiB) of 2\.0 GiB used$/);
    await shots('downloads', 'download-usage');
  });

  it('the settings window sets the quota, and a download past it is refused with quotaExceeded', async () => {
    const main = await driver.getWindowHandle();
    const before = await driver.getAllWindowHandles();
    await openView(driver, 'settings');
    await driver.findElement(byTestId('open-settings-window')).click();
    await driver.wait(async () => (await driver.getAllWindowHandles()).length > before.length, 15_000);
    const settings = (await driver.getAllWindowHandles()).find((h) => !before.includes(h))!;
    await driver.switchTo().window(settings);
    const input = await driver.wait(async () => (await driver.findElements(byTestId('pref-quota')))[0], 15_000);
    await driver.wait(async () => (await input.getAttribute('value')) === '2048', 10_000);
    await shots('settings-window', 'pref-quota');
    // A range outside the local networks is refused by Rust before any dialog opens.
    await typeInto(driver, 'local-network-range', '8.8.8.0/24');
    await driver.findElement(byTestId('local-network-add')).click();
    await waitForText(driver, 'error-kind', 'invalidInput');
    await shots('settings-window-networks', 'local-networks-none');
    await input.clear();
    await input.sendKeys('1');
    await driver.findElement(byTestId('pref-quota-save')).click();
    await waitForText(driver, 'pref-quota-saved', 'Saved: 1 MiB.');
    await driver.switchTo().window(main);
    const refused = await invokeInPage(driver, 'download', { url: `${serverUrl}/bytes/2000000` });
    expect(refused).toMatchObject({ error: { kind: 'quotaExceeded' } });
    await driver.switchTo().window(settings);
    await input.clear();
    await input.sendKeys('2048');
    await driver.findElement(byTestId('pref-quota-save')).click();
    await waitForText(driver, 'pref-quota-saved', 'Saved: 2048 MiB.');
    await driver.switchTo().window(main);
  });
});
