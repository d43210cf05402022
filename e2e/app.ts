// A WebDriver session on the real app, plus the few page helpers the specs share.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Builder, By, Capabilities, until, type WebDriver, type WebElement } from 'selenium-webdriver';

/** tauri-driver's port (WebKitWebDriver takes the next one); `IPC_LAB_DRIVER_PORT` moves both. */
export const DRIVER_PORT = Number(process.env.IPC_LAB_DRIVER_PORT ?? 4444);
/** tauri.conf.json `identifier`: the app data folder's name under $XDG_DATA_HOME. */
export const APP_IDENTIFIER = 'dev.ipclab.lab';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app data folder of the app under test (a temp dir, see tauri-driver.ts). */
    appDataDir: string;
    /** What tauri-driver and the apps it starts have written so far (the app's log on stderr). */
    appLogFile: string;
  }
}

/** The lines of the app's log (see `appLogFile`) that contain `text`. */
export function logLines(file: string, text: string): string[] {
  const log = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return log.split('\n').filter((line) => line.includes(text));
}

/** The debug binary `scripts/e2e.sh` builds with `tauri build --debug --no-bundle`. */
export function appBinary(): string {
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/ipc-lab/target');
  const binary = resolve(target, 'debug/ipc-lab');
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run the specs with \`npm run test:e2e\``);
  return binary;
}

/**
 * The app's own arguments for every launch, from `IPC_LAB_APP_ARGS` (split on spaces):
 * `--post-message-ipc` runs a spec over Tauri's postMessage transport, as on Android.
 */
export const APP_ARGS = (process.env.IPC_LAB_APP_ARGS ?? '').split(' ').filter(Boolean);

/** The IPC transport the app under test must use (Rust reads it from each request). */
export const EXPECTED_TRANSPORT = APP_ARGS.includes('--post-message-ipc') ? 'postMessage' : 'customProtocol';

export async function launchApp(): Promise<WebDriver> {
  const capabilities = new Capabilities();
  capabilities.setBrowserName('wry');
  capabilities.set('tauri:options', { application: appBinary(), args: APP_ARGS });
  const driver = await new Builder()
    .withCapabilities(capabilities)
    .usingServer(`http://127.0.0.1:${DRIVER_PORT}/`)
    .build();
  await driver.wait(until.elementLocated(By.css('[data-testid=status]')), 30_000);
  return driver;
}

export function byTestId(id: string) {
  return By.css(`[data-testid="${id}"]`);
}

/** Opens a feature view from the navigation; resolves once it is shown (its link is current). */
export async function openView(driver: WebDriver, path: string) {
  await driver.findElement(byTestId(`nav-${path}`)).click();
  await driver.wait(until.elementLocated(By.css(`[data-testid="nav-${path}"][aria-current=page]`)), 15_000);
}

/** Replaces the text of an input. */
export async function typeInto(driver: WebDriver, id: string, text: string) {
  const input = await driver.findElement(byTestId(id));
  await input.clear();
  await input.sendKeys(text);
}

/** Waits for the element with `id` to show exactly `text`, and returns it. */
export async function waitForText(driver: WebDriver, id: string, text: string): Promise<WebElement> {
  const element = await driver.wait(until.elementLocated(byTestId(id)), 15_000);
  try {
    await driver.wait(until.elementTextIs(element, text), 15_000);
  } catch {
    const actual = await element.getText().catch(() => '(gone)');
    throw new Error(`[data-testid=${id}] shows ${JSON.stringify(actual)}, expected ${JSON.stringify(text)}`);
  }
  return element;
}

/**
 * Runs `body` as an async function in the page, as a script there would: `invoke` and
 * `transformCallback` are in scope, the extra arguments are `args`. Resolves with what it
 * returns; a throw comes back as `{ thrown }`.
 */
export function inPage<T>(driver: WebDriver, body: string, ...args: unknown[]): Promise<T> {
  return driver.executeAsyncScript<T>(
    `
    const done = arguments[arguments.length - 1];
    const args = Array.from(arguments).slice(0, -1);
    const { invoke, transformCallback } = window.__TAURI_INTERNALS__;
    (async () => { ${body} })().then(done, (e) => done({ thrown: String(e) }));
  `,
    ...args,
  );
}

/** What `invoke(command, args)` from the page settles with: `{ ok }` or `{ error }`. */
export type Settled = { ok: unknown } | { error: unknown };

export function invokeInPage(driver: WebDriver, command: string, args: unknown = {}): Promise<Settled> {
  return inPage<Settled>(
    driver,
    'return invoke(args[0], args[1]).then((ok) => ({ ok }), (error) => ({ error }));',
    command,
    args,
  );
}

/** A real HTTP server on loopback for a spec: the server, its base URL, and `close`. */
export interface Loopback {
  server: Server;
  url: string;
  /** Drops the connections still open, then stops listening. */
  close: () => Promise<void>;
}

/** Starts a loopback server answering with `handler`, on a free port. */
export async function startLoopback(handler: RequestListener): Promise<Loopback> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
