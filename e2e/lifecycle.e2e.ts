// The real hooks, not their stand-ins (the Rust tests call `Pages::gone` and
// `on_window_event(Destroyed)` directly): a page reload through WebDriver stops the work Rust
// runs for that page — a fetch from a server that never stops ends, and the server sees its
// connection close long before the fetch's own 60 s deadline —, and closing a real window
// takes its own Rust listener with it (rust_listener_count goes back).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { byTestId, inPage, invokeInPage, launchApp, waitForText, startLoopback, type Loopback } from './app';

let driver: WebDriver;

/** Every request the server got, and whether its connection has closed. */
const requests: { url: string; closed: boolean }[] = [];
let loopback: Loopback | undefined;
let serverUrl = '';

beforeAll(async () => {
  // Answers every request with a dot every 100 ms, for as long as the client stays.
  loopback = await startLoopback((request, response) => {
    const seen = { url: request.url ?? '', closed: false };
    requests.push(seen);
    response.writeHead(200, { 'content-type': 'text/plain' });
    const drip = setInterval(() => response.write('.'), 100);
    response.on('close', () => {
      clearInterval(drip);
      seen.closed = true;
    });
  });
  serverUrl = loopback.url;
  driver = await launchApp();
});

afterAll(async () => {
  await driver?.quit();
  await loopback?.close();
});

/** How many of the app's Rust listeners listen to `event` now. */
async function rustListeners(event: string): Promise<number> {
  const settled = await invokeInPage(driver, 'rust_listener_count');
  expect(settled).toEqual({ ok: expect.any(Array) as unknown });
  const counts = (settled as { ok: { event: string; count: number }[] }).ok;
  return counts.find((c) => c.event === event)?.count ?? 0;
}

describe('The real page and window hooks', () => {
  it("a page reload stops the page's fetch in Rust: the server sees its connection close", async () => {
    // Started from the page and left running: the page goes before it could end.
    const started = await inPage<unknown>(
      driver,
      `window.__fetch = invoke('fetch_data', { url: args[0], fetchId: 5 }).then((ok) => ({ ok }), (error) => ({ error }));
       return 'started';`,
      `${serverUrl}/reloaded`,
    );
    expect(started).toBe('started');
    // It is running: the server has the request, and the connection is open.
    await driver.wait(() => requests.some((r) => r.url === '/reloaded'), 15_000);
    const fetch = requests.find((r) => r.url === '/reloaded')!;
    expect(fetch.closed).toBe(false);
    expect(await driver.executeScript('return window.__fetch !== undefined;')).toBe(true);

    await driver.navigate().refresh();
    await driver.wait(
      async () => (await driver.executeScript('return window.__fetch === undefined;').catch(() => false)) === true,
      20_000,
    );
    await waitForText(driver, 'status', 'Connected to Rust');
    // Rust dropped it: the connection closed (the fetch alone would run to its 60 s deadline).
    await driver.wait(() => fetch.closed, 20_000);
    // And nothing of it is left to cancel.
    expect(await invokeInPage(driver, 'cancel_fetch', { fetchId: 5 })).toEqual({ ok: false });
    expect(requests.map((r) => r.url)).toEqual(['/reloaded']);
  });

  it('closing a real window takes its own Rust listener with it', async () => {
    const main = await driver.getWindowHandle();
    const before = await rustListeners('window-specific-event');
    expect(before).toBe(1); // main's own
    const handles = await driver.getAllWindowHandles();
    expect(await invokeInPage(driver, 'open_settings_window')).toEqual({ ok: 'created' });
    await driver.wait(async () => (await driver.getAllWindowHandles()).length > handles.length, 15_000);
    const settings = (await driver.getAllWindowHandles()).find((h) => !handles.includes(h))!;
    await driver.switchTo().window(settings);
    await driver.wait(async () => (await driver.findElements(byTestId('pref-notification'))).length > 0, 15_000);
    await driver.switchTo().window(main);
    expect(await rustListeners('window-specific-event')).toBe(before + 1);

    // Closed as a user closes it: with its Close button, which asks Tauri to close the window
    // (`WebviewWindow::close`: the same close request as the title bar's button). WebDriver's
    // own Close Window would not do: it ends the webview, and Tauri never hears the window go.
    await driver.switchTo().window(settings);
    const close = await driver.findElement(byTestId('close-window'));
    // The window may go before the click command answers: what follows checks that it went.
    await close.click().catch(() => {});
    await driver.switchTo().window(main);
    await driver.wait(async () => (await driver.getAllWindowHandles()).length === handles.length, 15_000);
    await driver.wait(async () => (await rustListeners('window-specific-event')) === before, 15_000);
    expect(await rustListeners('window-specific-event')).toBe(before);
    // Opened again, it is a new window (created, not focused): the old one is gone for Rust too.
    expect(await invokeInPage(driver, 'open_settings_window')).toEqual({ ok: 'created' });
  });
});
