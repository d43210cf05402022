// The desktop sign-in window: a second real webview with its own capability, hearing
// `login-result` through `emit_to("login", …)`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { By, error, type WebDriver } from 'selenium-webdriver';
import { byTestId, invokeInPage, launchApp, openView, typeInto, waitForText } from './app';

let driver: WebDriver;

beforeAll(async () => {
  driver = await launchApp();
});

afterAll(async () => {
  await driver?.quit();
});

/** The lines of the login-result list, newest first. */
async function results(): Promise<string[]> {
  const items = await driver.findElements(By.css('[data-testid=login-results] li'));
  return Promise.all(items.map((item) => item.getText()));
}

async function waitForResults(expected: string[]) {
  await driver
    .wait(async () => JSON.stringify(await results()) === JSON.stringify(expected), 15_000)
    .catch(async () => {
      throw new Error(`login-results: ${JSON.stringify(await results())}, expected ${JSON.stringify(expected)}`);
    });
}

async function signIn(password: string) {
  await typeInto(driver, 'login-password', password);
  await driver.findElement(byTestId('login-submit')).click();
}

describe('Sign-in window', () => {
  it('opens, signs in, and hears every login-result', async () => {
    const main = await driver.getWindowHandle();
    await openView(driver, 'account');
    await driver.findElement(byTestId('open-login-window')).click();
    await driver.wait(async () => (await driver.getAllWindowHandles()).length === 2, 15_000);
    const login = (await driver.getAllWindowHandles()).find((handle) => handle !== main)!;
    await driver.switchTo().window(login);
    await driver.wait(async () => (await driver.findElements(byTestId('login-form'))).length === 1, 15_000);

    await signIn('wrong');
    await waitForText(driver, 'error-kind', 'unauthorized');
    await waitForResults(['sign-in failed (from login)']);
    await signIn('tauri');
    await waitForText(driver, 'login-answer', 'logged_in');
    await waitForResults(['tauri signed in (from login)', 'sign-in failed (from login)']);

    // A sign-in in main is announced to the login window too; main's own session is separate.
    await driver.switchTo().window(main);
    await waitForText(driver, 'session-user', 'Signed out');
    await signIn('tauri');
    await waitForText(driver, 'session-user', 'Signed in as tauri');
    await driver.switchTo().window(login);
    await waitForResults([
      'tauri signed in (from main)',
      'tauri signed in (from login)',
      'sign-in failed (from login)',
    ]);
  });

  it('may not call what its capability does not grant', async () => {
    expect(await driver.findElements(byTestId('login-form'))).toHaveLength(1); // still in the login window
    const refusal = await driver.executeAsyncScript<string>(`
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke('greet', { name: 'x' }).then(
        () => done('allowed'),
        (e) => done(String(e)),
      );
    `);
    expect(refusal).toContain('greet not allowed');
  });

  it('ends its session when it is closed', async () => {
    const login = await driver.getWindowHandle(); // still the sign-in window
    const main = (await driver.getAllWindowHandles()).find((handle) => handle !== login)!;
    expect(await driver.findElements(byTestId('login-form'))).toHaveLength(1);
    expect(await invokeInPage(driver, 'session')).toEqual({ ok: { user: 'tauri' } });
    // The click closes this very window: WebDriver may find it gone before the click returns.
    await driver
      .findElement(byTestId('close-window'))
      .click()
      .catch((e: unknown) => {
        if (!(e instanceof error.NoSuchWindowError)) throw e;
      });
    await driver.switchTo().window(main);
    await driver.wait(async () => (await driver.getAllWindowHandles()).length === 1, 15_000);
    await driver.findElement(byTestId('open-login-window')).click();
    await driver.wait(async () => (await driver.getAllWindowHandles()).length === 2, 15_000);
    const reopened = (await driver.getAllWindowHandles()).find((handle) => handle !== main)!;
    await driver.switchTo().window(reopened);
    await driver.wait(async () => (await driver.findElements(byTestId('login-form'))).length === 1, 15_000);
    expect(await invokeInPage(driver, 'session')).toEqual({ ok: { user: null } });
  });
});
