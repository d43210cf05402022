// The seed commands through the real webview and the real Rust core, over the ipc: custom
// protocol, and again over postMessage (`scripts/e2e.sh` runs it with IPC_LAB_APP_ARGS=--post-message-ipc).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { byTestId, EXPECTED_TRANSPORT, invokeInPage, launchApp, waitForText } from './app';

let driver: WebDriver;

beforeAll(async () => {
  driver = await launchApp();
});

afterAll(async () => {
  await driver?.quit();
});

describe('Commands view', () => {
  it('runs over the transport it was started with, as Rust reads it from the request', async () => {
    const settled = await invokeInPage(driver, 'run_mode');
    // Not a suite run; the self-test's counts are the full desktop ones (`--scale` not given); the
    // desktop it was built for names its platform as the Rust target does (std::env::consts::OS).
    const scale = { name: 'full', mixed: 200_000, small: 1_000_000, tagged: 10_000, mounts: 1000, reloads: 20 };
    expect(settled).toEqual({
      ok: {
        suite: null,
        quick: false,
        transport: EXPECTED_TRANSPORT,
        // The app ships without the isolation pattern (tauri.conf.json).
        pattern: 'brownfield',
        scale,
        platform: process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : 'linux',
        mobile: false,
      },
    });
  });

  it('greets through Rust', async () => {
    const input = await driver.findElement(byTestId('greet-name'));
    await input.clear();
    await input.sendKeys('Tauri E2E');
    await driver.findElement(byTestId('greet-button')).click();
    await waitForText(driver, 'greet-result', 'Hello, Tauri E2E!');
  });

  it('shows the kind of a typed error from Rust', async () => {
    const input = await driver.findElement(byTestId('greet-name'));
    await input.clear();
    await input.sendKeys('   ');
    await driver.findElement(byTestId('greet-button')).click();
    await waitForText(driver, 'error-kind', 'invalidInput');
    const message = await driver.findElement(byTestId('error-message')).getText();
    expect(message).toBe('invalid input: name must not be empty');
  });

  it('calls the custom command in both argument casings', async () => {
    const variants = { 'custom-none': 'no message', 'custom-camel': 'invokeMessage', 'custom-snake': 'invoke_message' };
    for (const [button, via] of Object.entries(variants)) {
      await driver.findElement(byTestId(button)).click();
      await waitForText(driver, 'custom-via', via);
      await waitForText(driver, 'custom-result', 'Hello from Rust!');
    }
  });

  it('names the calling window', async () => {
    await driver.findElement(byTestId('context-button')).click();
    await waitForText(driver, 'context-result', 'Called from window: main');
  });

  it('runs the seed invoke() calls verbatim in the page', async () => {
    const results = await driver.executeAsyncScript<unknown[]>(`
      const done = arguments[arguments.length - 1];
      const { invoke } = window.__TAURI_INTERNALS__;
      Promise.all([
        invoke('greet', { name: 'World' }),
        invoke('my_custom_command'),
        invoke('my_custom_command', { invokeMessage: 'Hello!' }),
        invoke('my_custom_command_snake', { invoke_message: 'Hello!' }),
        invoke('with_context'),
        invoke('greet', { name: '' }).catch((e) => e),
      ]).then(done, (e) => done(['failed', String(e)]));
    `);
    expect(results).toEqual([
      'Hello, World!',
      'Hello from Rust!',
      'Hello from Rust!',
      'Hello from Rust!',
      'Called from window: main',
      { kind: 'invalidInput', message: 'invalid input: name must not be empty' },
    ]);
  });
});

describe('Startup handshake', () => {
  it('connects: ready, eval from Rust, and backend-event', async () => {
    await waitForText(driver, 'status', 'Connected to Rust · eval: hello from Rust');
    await driver.findElement(byTestId('nav-events')).click();
    await waitForText(driver, 'handshake-ready', 'received');
    await waitForText(driver, 'handshake-eval', 'hello from Rust');
    await waitForText(driver, 'handshake-backend', 'Rust saw window main get ready');
  });
});
