// Files, sign-in and uploads through the real webview: real files in the app's (temp) data
// folder, read through the UI, uploaded, and checked on disk byte for byte.
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { until, type WebDriver } from 'selenium-webdriver';
import { byTestId, launchApp, openView, typeInto, waitForText } from './app';

let driver: WebDriver;
const data = inject('appDataDir');
const readable = join(data, 'files');
const dir = join(readable, 'e2e');

beforeAll(async () => {
  driver = await launchApp();
  mkdirSync(dir, { recursive: true });
});

afterAll(async () => {
  await driver?.quit();
});

async function openFile(path: string) {
  await openView(driver, 'files');
  await typeInto(driver, 'file-path', path);
  await driver.findElement(byTestId('file-open')).click();
}

describe('Files view', () => {
  it('reads a real file through read_file', async () => {
    const path = join(dir, 'hello.txt');
    writeFileSync(path, 'Hello from a real file ✓\nsecond line');
    await openFile(path);
    await waitForText(driver, 'file-text', 'Hello from a real file ✓\nsecond line');
  });

  it('shows notFound for a missing file', async () => {
    await openFile(join(dir, 'missing.txt'));
    await waitForText(driver, 'error-kind', 'notFound');
  });

  it('shows outsideScope for a file outside the scope', async () => {
    await openFile('/etc/hostname');
    await waitForText(driver, 'error-kind', 'outsideScope');
  });

  it('reads a large file in pieces (read_file_chunk, two at once) for the hex view', async () => {
    const path = join(dir, 'large.bin');
    const bytes = randomBytes(10 * 1024 * 1024 + 7);
    writeFileSync(path, bytes);
    await openFile(path);
    await driver.findElement(byTestId('mode-hex')).click();
    const hex = await driver.wait(until.elementLocated(byTestId('file-hex')), 30_000);
    const first = [...bytes.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    expect((await hex.getText()).split('\n')[0]).toMatch(new RegExp(`^00000000  ${first}  `));
    const hint = await driver.findElement({ xpath: "//p[contains(., 'read in 4.0 MiB pieces, 2 at once')]" });
    expect(await hint.getText()).toBe('First 4 KiB of 10 MiB, read in 4.0 MiB pieces, 2 at once.');
  });

  it('streams an image through load_image and every byte arrives', async () => {
    const path = join(dir, 'icon.png');
    copyFileSync(resolve('src-tauri/icons/icon.png'), path);
    const expected = createHash('sha256').update(readFileSync(path)).digest('hex');
    await openFile(path);
    await waitForText(driver, 'image-sha256', expected);
    const img = await driver.findElement({ css: 'img.preview' });
    await driver.wait(async () => Number(await img.getAttribute('naturalWidth')) > 0, 10_000);
  });
});

describe('fs plugin (the seed capability, not granted)', () => {
  const readTextFile = (path: string) =>
    driver.executeAsyncScript<string>(
      `
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke('plugin:fs|read_text_file', { path: arguments[0] }).then(
        (bytes) => done('ok:' + new TextDecoder().decode(new Uint8Array(bytes))),
        (e) => done('error:' + String(e)),
      );
    `,
      path,
    );
  const readFile = (path: string) =>
    driver.executeAsyncScript<string>(
      `
      const done = arguments[arguments.length - 1];
      window.__TAURI_INTERNALS__.invoke('read_file', { path: arguments[0] }).then(
        (text) => done('ok:' + text),
        (e) => done('error:' + (e.kind ?? String(e))),
      );
    `,
      path,
    );

  it('refuses readTextFile by the ACL even inside the readable folder, where read_file reads', async () => {
    const path = join(dir, 'plugin.txt');
    writeFileSync(path, 'read by read_file');
    // The ACL's own refusal (it names the command `fs.read_text_file`): no permission of the
    // main window grants it.
    const acl = /^error:fs\.read_text_file not allowed\. Permissions associated with this command/;
    expect(await readTextFile(path)).toMatch(acl);
    expect(await readTextFile('/etc/hostname')).toMatch(acl);
    expect(await readFile(path)).toBe('ok:read by read_file');
  });
});

describe('Sign-in and upload', () => {
  it('refuses a wrong password, then signs in', async () => {
    await openView(driver, 'account');
    await typeInto(driver, 'login-user', 'tauri');
    await typeInto(driver, 'login-password', 'wrong');
    await driver.findElement(byTestId('login-submit')).click();
    await waitForText(driver, 'error-kind', 'unauthorized');
    expect(await driver.findElement(byTestId('error-message')).getText()).toBe('invalid credentials');
    await typeInto(driver, 'login-password', 'tauri');
    await driver.findElement(byTestId('login-submit')).click();
    await waitForText(driver, 'session-user', 'Signed in as tauri');
  });

  it('uploads the open file and it lands on disk byte for byte', async () => {
    const bytes = randomBytes(200_000);
    const path = join(dir, 'blob.bin');
    writeFileSync(path, bytes);
    await openFile(path);
    await driver.wait(until.elementLocated(byTestId('upload-open-file')), 10_000);
    const button = await driver.findElement(byTestId('upload-open-file'));
    await driver.wait(until.elementIsEnabled(button), 10_000);
    await button.click();
    await waitForText(driver, 'upload-result', 'Uploaded blob.bin (195 KiB)');
    expect(readFileSync(join(readable, 'inbox', 'blob.bin')).equals(bytes)).toBe(true);
  });
});
