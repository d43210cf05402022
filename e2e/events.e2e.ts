// Events across several real windows (WebDriver window handles): open-file reaches main and the
// file viewer and not the settings window; settings-update-requested reaches the settings
// window alone and Apply persists the preference; each window's window-specific-event is
// answered to it alone; the viewer's capability refuses what it does not need; and the page's
// live listener count is unchanged after 1,000 view switches and 20 reloads.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { byTestId, inPage, invokeInPage, launchApp, openView, typeInto, waitForText } from './app';

let driver: WebDriver;
const data = inject('appDataDir');
const dir = join(data, 'files', 'events');
const handles: Record<'main' | 'settings' | 'viewer', string> = { main: '', settings: '', viewer: '' };

beforeAll(async () => {
  driver = await launchApp();
  mkdirSync(dir, { recursive: true });
  handles.main = await driver.getWindowHandle();
});

afterAll(async () => {
  await driver?.quit();
});

/** Runs `open`, then answers the handle of the window it opened, once its page has `testId`. */
async function newWindow(open: () => Promise<void>, testId: string): Promise<string> {
  const before = await driver.getAllWindowHandles();
  await open();
  await driver.wait(async () => (await driver.getAllWindowHandles()).length > before.length, 15_000);
  const handle = (await driver.getAllWindowHandles()).find((h) => !before.includes(h))!;
  await driver.switchTo().window(handle);
  await driver.wait(async () => (await driver.findElements(byTestId(testId))).length > 0, 15_000);
  return handle;
}

/**
 * Subscribes this page, the way `@tauri-apps/api` does, to `event` on `target`; what it hears
 * goes to `window.__probe[name]`. Fails unless Tauri registered the listener.
 */
async function probe(name: string, event: string, target: unknown) {
  const listened = await inPage<unknown>(
    driver,
    `window.__probe ??= {};
     window.__probe[args[0]] = [];
     const handler = transformCallback((e) => window.__probe[args[0]].push(e.payload));
     return await invoke('plugin:event|listen', { event: args[1], target: args[2], handler });`,
    name,
    event,
    target,
  );
  expect(listened, `listen to ${event} on ${JSON.stringify(target)}`).toEqual(expect.any(Number));
}

const heard = (name: string) => driver.executeScript<unknown[]>('return window.__probe[arguments[0]];', name);

/** Waits until probe `name` (in the current window) has heard `payload`, then answers all it heard. */
async function heardUpTo(name: string, payload: unknown): Promise<unknown[]> {
  try {
    await driver.wait(async () => (await heard(name)).some((p) => isDeepStrictEqual(p, payload)), 10_000);
  } catch {
    throw new Error(`probe ${name} never heard ${JSON.stringify(payload)}, only ${JSON.stringify(await heard(name))}`);
  }
  return heard(name);
}

/**
 * `emitTo` from this page: `event` with `payload`, aimed at `target`. A marker sent after what
 * must not arrive: once a probe has heard it, what came before it would have arrived too.
 */
async function emitTo(target: unknown, event: string, payload: unknown) {
  expect(await invokeInPage(driver, 'plugin:event|emit_to', { target, event, payload })).toEqual({ ok: null });
}

/** The app's Rust listeners per event (how often they ran aside): answered, not an error. */
async function rustListeners(): Promise<{ event: string; count: number }[]> {
  const settled = await invokeInPage(driver, 'rust_listener_count');
  expect(settled).toEqual({ ok: expect.any(Array) as unknown });
  return (settled as { ok: { event: string; count: number }[] }).ok.map(({ event, count }) => ({ event, count }));
}

/** This page's live event listeners, read from Tauri's own tables (as src/api/events.ts does). */
const LIVE_LISTENERS = `
  const table = window.__internal_unstable_listeners_object_id__ ?? {};
  const callbacks = window.__TAURI_INTERNALS__.callbacks;
  let live = 0;
  for (const event of Object.getOwnPropertyNames(table))
    for (const id of Object.getOwnPropertyNames(table[event]))
      if (callbacks.has(table[event][id].handlerId)) live++;
  return live;`;
const liveListeners = () => driver.executeScript<number>(LIVE_LISTENERS);

/** Reloads main's page and waits until the new page is up (on the Commands view) and ready. */
async function reload() {
  await driver.executeScript('window.__reloaded = false; location.reload();');
  await driver.wait(async () => {
    const fresh = await driver.executeScript<boolean>('return window.__reloaded === undefined;').catch(() => false);
    return fresh && (await driver.findElements(byTestId('greet-name'))).length === 1;
  }, 20_000);
  await waitForText(driver, 'status', 'Connected to Rust');
}

describe('Windows and events', () => {
  it('sends open-file to main and the file viewer, not to the settings window', async () => {
    handles.settings = await newWindow(async () => {
      await openView(driver, 'settings');
      await driver.findElement(byTestId('open-settings-window')).click();
    }, 'pref-notification');
    await probe('openFile', 'open-file', { kind: 'WebviewWindow', label: 'settings' });
    await driver.switchTo().window(handles.main);
    await probe('openFile', 'open-file', { kind: 'WebviewWindow', label: 'main' });

    const first = join(dir, 'first.txt');
    const second = join(dir, 'second.txt');
    writeFileSync(first, 'first file');
    writeFileSync(second, 'second file');
    await openView(driver, 'files');
    await typeInto(driver, 'file-path', first);
    await driver.findElement(byTestId('file-open')).click();
    await waitForText(driver, 'file-text', 'first file');
    // A new viewer gets the file once its page has announced ready.
    handles.viewer = await newWindow(() => driver.findElement(byTestId('open-in-viewer')).click(), 'viewer-path');
    await waitForText(driver, 'viewer-path', first);
    await waitForText(driver, 'file-text', 'first file');

    // Open already: focused, and sent at once.
    await driver.switchTo().window(handles.main);
    await typeInto(driver, 'file-path', second);
    await driver.findElement(byTestId('file-open')).click();
    await waitForText(driver, 'file-text', 'second file');
    await driver.findElement(byTestId('open-in-viewer')).click();
    await waitForText(driver, 'viewer-note', 'Sent to the viewer window (focused).');
    expect(await driver.getAllWindowHandles()).toHaveLength(3);
    await driver.switchTo().window(handles.viewer);
    await waitForText(driver, 'viewer-path', second);
    await waitForText(driver, 'file-text', 'second file');

    await driver.switchTo().window(handles.main);
    await driver.wait(async () => (await heard('openFile')).length === 2, 10_000);
    expect(await heard('openFile')).toEqual([first, second]);
    // The settings window's probe hears an open-file aimed at it, sent after Rust's: only that.
    await emitTo({ kind: 'WebviewWindow', label: 'settings' }, 'open-file', 'marker for settings');
    await driver.switchTo().window(handles.settings);
    expect(await heardUpTo('openFile', 'marker for settings')).toEqual(['marker for settings']);
  });

  it('refuses the file viewer what its capability does not grant', async () => {
    await driver.switchTo().window(handles.viewer);
    const refusals: Record<string, unknown> = {};
    for (const [command, args] of [
      ['download', { url: 'https://example.com/' }],
      ['add_scope_folder', {}],
      ['upload_token', {}],
      ['login', { user: 'tauri', password: 'tauri' }],
      ['open_file_viewer', { path: join(dir, 'first.txt') }],
    ] as const) {
      refusals[command] = await invokeInPage(driver, command, args);
    }
    const upload = await inPage<unknown>(
      driver,
      `return invoke('upload', new Uint8Array([1]), { headers: { Authorization: 'Bearer x' } }).then((ok) => ({ ok }), (error) => ({ error }));`,
    );
    refusals.upload = upload;
    for (const [command, settled] of Object.entries(refusals)) {
      expect(String((settled as { error?: unknown }).error), command).toContain(`${command} not allowed`);
    }
    // What it may do, it does.
    const read = await invokeInPage(driver, 'read_file', { path: join(dir, 'first.txt') });
    expect(read).toEqual({ ok: 'first file' });
  });

  it('delivers settings-update-requested to the settings window alone, and Apply persists it', async () => {
    await driver.switchTo().window(handles.main);
    await probe('request', 'settings-update-requested', { kind: 'WebviewWindow', label: 'main' });
    await openView(driver, 'settings');
    await waitForText(driver, 'current-notification', 'Download notices: all');
    await driver.findElement({ css: '[data-testid=request-value] option[value=errors]' }).click();
    await driver.findElement(byTestId('request-setting')).click();
    await waitForText(driver, 'request-sent', 'Sent: notification = errors');

    await driver.switchTo().window(handles.settings);
    await waitForText(driver, 'settings-request-text', 'notification = errors');
    await driver.findElement(byTestId('request-apply')).click();
    await waitForText(driver, 'request-applied', 'Applied notification = errors.');
    const saved = JSON.parse(readFileSync(join(data, 'private', 'preferences.json'), 'utf8')) as unknown;
    expect(saved).toEqual({ notification: 'errors', downloadQuotaMib: 2048 });

    // The seed's own call, `emitTo('settings', 'settings-update-requested', { key: 'notification', value: 'all' })`,
    // from main's page: shown, and nothing changes until Apply.
    await driver.switchTo().window(handles.main);
    const sent = await invokeInPage(driver, 'plugin:event|emit_to', {
      target: { kind: 'AnyLabel', label: 'settings' },
      event: 'settings-update-requested',
      payload: { key: 'notification', value: 'all' },
    });
    expect(sent).toEqual({ ok: null });
    await driver.switchTo().window(handles.settings);
    await waitForText(driver, 'settings-request-text', 'notification = all');
    // Main's probe hears a request aimed at main, sent after both: only that.
    await driver.switchTo().window(handles.main);
    const marker = { key: 'marker', value: 'for main' };
    await emitTo({ kind: 'WebviewWindow', label: 'main' }, 'settings-update-requested', marker);
    expect(await heardUpTo('request', marker)).toEqual([marker]);
    await driver.switchTo().window(handles.settings);
    expect(JSON.parse(readFileSync(join(data, 'private', 'preferences.json'), 'utf8'))).toEqual(saved);
    await driver.findElement(byTestId('request-dismiss')).click();
    await waitForText(driver, 'settings-no-request', 'No request waiting.');
  });

  it('answers each window-specific-event to its own window (the seed window-scoped pair)', async () => {
    await driver.switchTo().window(handles.viewer);
    await probe('response', 'response-event', { kind: 'Window', label: 'file-viewer' });
    await driver.switchTo().window(handles.main);
    // `const mainWindow = new Window('main'); await mainWindow.listen('response-event', …);
    //  await mainWindow.emit('window-specific-event', { data: 'value' })`, as the JS API sends them.
    await probe('response', 'response-event', { kind: 'Window', label: 'main' });
    const emitted = await invokeInPage(driver, 'plugin:event|emit', {
      event: 'window-specific-event',
      payload: { data: 'value' },
    });
    expect(emitted).toEqual({ ok: null });
    await driver.wait(async () => (await heard('response')).length > 0, 10_000);
    // Aimed at the viewer alone: only the viewer's listener answers.
    await invokeInPage(driver, 'plugin:event|emit_to', {
      target: { kind: 'Window', label: 'file-viewer' },
      event: 'window-specific-event',
      payload: { data: 'just you' },
    });
    await driver.switchTo().window(handles.viewer);
    await driver.wait(async () => (await heard('response')).length === 2, 10_000);
    expect(await heard('response')).toEqual([
      { window: 'file-viewer', data: 'value' },
      { window: 'file-viewer', data: 'just you' },
    ]);
    // Main's listener answers what is aimed at main, after the viewer's: main heard only its own.
    await driver.switchTo().window(handles.main);
    await emitTo({ kind: 'Window', label: 'main' }, 'window-specific-event', { data: 'just main' });
    expect(await heardUpTo('response', { window: 'main', data: 'just main' })).toEqual([
      { window: 'main', data: 'value' },
      { window: 'main', data: 'just main' },
    ]);

    // The Events view's own button, and its log, show main's answer.
    await openView(driver, 'events');
    await typeInto(driver, 'send-window-specific-event', 'from the button');
    await driver.findElement(byTestId('fire-window-specific-event')).click();
    const answer = '[data-testid=events-log] li[data-event="response-event"] .payload';
    await driver.wait(async () => {
      const payloads = await driver.findElements({ css: answer });
      return payloads.length > 0 && (await payloads[0].getText()).includes('from the button');
    }, 10_000);
    expect(await driver.findElement({ css: answer }).getText()).toBe('{"window":"main","data":"from the button"}');
  });

  it('keeps the live listener count after 1,000 view switches and 20 reloads', async () => {
    await driver.switchTo().window(handles.main);
    await driver.manage().setTimeouts({ script: 600_000 });
    await openView(driver, 'commands');
    // A fresh page (without the probes above), on a view that does not listen.
    await reload();
    const rustBefore = await rustListeners();
    expect(rustBefore.length).toBeGreaterThan(0);
    const before = await liveListeners();
    expect(before).toBeGreaterThan(0);

    const switched = await inPage<{ rounds: number; peak: number }>(
      driver,
      `const count = () => { ${LIVE_LISTENERS} };
       const rendered = async (selector) => {
         while (!document.querySelector(selector)) await new Promise((r) => setTimeout(r, 0));
       };
       let peak = 0;
       for (let i = 0; i < 1000; i++) {
         location.hash = '#/events';
         await rendered('[data-testid=events-log]');
         peak = Math.max(peak, count());
         location.hash = '#/commands';
         await rendered('[data-testid=greet-name]');
       }
       return { rounds: 1000, peak };`,
    );
    expect(switched.rounds).toBe(1000);
    expect(switched.peak).toBeGreaterThan(before); // the Events view does listen
    // Unlistens of views that went before their listen() resolved finish a moment later.
    await driver.wait(async () => (await liveListeners()) === before, 15_000).catch(() => {});
    expect(await liveListeners()).toBe(before);

    for (let i = 0; i < 20; i++) await reload();
    expect(await liveListeners()).toBe(before);
    console.info(`live JS listeners: ${before} before, ${switched.peak} at most on the Events view, ${before} after`);
    // Rust's own listeners did not change either.
    expect(await rustListeners()).toEqual(rustBefore);
  }, 600_000);
});
