// The Cookbook in the real webview: a demo panel's "How it works" opens its recipe, which shows
// the real source of the path and copies it; the search finds recipes; a deep link lands on one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { By, Key, until, type WebDriver } from 'selenium-webdriver';
import { byTestId, EXPECTED_TRANSPORT, launchApp, openView, typeInto } from './app';

let driver: WebDriver;

/** axe-core, put into the page by WebDriver (the page's CSP allows no script of its own). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe-core finds wrong on the page as it is now: `rule: where` per violation. */
async function axeViolations(): Promise<string[]> {
  await driver.executeScript(`${AXE}; window.axe = axe;`);
  return driver.executeAsyncScript<string[]>(`
    const done = arguments[arguments.length - 1];
    window.axe.run(document, { resultTypes: ['violations'] }).then(
      (r) => done(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '))),
      (e) => done(['axe failed: ' + e]),
    );`);
}

beforeAll(async () => {
  driver = await launchApp();
});

afterAll(async () => {
  await driver?.quit();
});

describe('Cookbook', () => {
  it("opens a demo panel's recipe with its real code and copies it", async () => {
    await openView(driver, 'commands');
    await driver.findElement(byTestId('how-commands')).click();
    await driver.wait(until.elementLocated(byTestId('recipe')), 15_000);
    expect(await driver.getCurrentUrl()).toMatch(/#\/cookbook\/commands$/);
    const pre = await driver.findElement(By.css('[data-testid=recipe] pre'));
    // Highlighted once highlight.js has loaded (its own chunk), the text unchanged.
    await driver.wait(until.elementLocated(By.css('[data-testid=recipe] pre .hljs-keyword')), 15_000);
    const code = await pre.getText();
    expect(code).toContain('pub fn greet(name: String) -> Result<String>');
    const copy = await driver.findElement(By.css('[data-testid=recipe] [data-testid=copy-code]'));
    await copy.click();
    const status = await driver.findElement(By.css('[data-testid=recipe] [data-testid=copy-status]'));
    await driver.wait(until.elementTextIs(status, 'Copied'), 15_000);
    // What a user pastes (a script may not read the clipboard): Ctrl+V into a field of the page.
    await driver.executeScript(
      "const t = document.createElement('textarea'); t.dataset.testid = 'paste'; t.setAttribute('aria-label', 'paste'); document.body.append(t); t.focus();",
    );
    await driver.actions().keyDown(Key.CONTROL).sendKeys('v').keyUp(Key.CONTROL).perform();
    const pasted = await driver.findElement(byTestId('paste')).getAttribute('value');
    await driver.executeScript("document.querySelector('[data-testid=paste]').remove()");
    expect(pasted?.trim()).toBe(code.trim());
    // And back to the demo.
    await driver.findElement(byTestId('recipe-demo')).click();
    await driver.wait(until.elementLocated(By.css('[data-testid="nav-commands"][aria-current=page]')), 15_000);
  });

  it('finds a recipe by search, and lands on one from its deep link', async () => {
    await openView(driver, 'cookbook');
    await typeInto(driver, 'recipe-search', 'emit_to');
    const links = await driver.findElements(By.css('[data-testid=recipe-list] a'));
    expect(links.length).toBeGreaterThan(0);
    await driver.executeScript("location.hash = '#/cookbook/channel'");
    await driver.wait(until.elementLocated(byTestId('recipe')), 15_000);
    const title = await driver.findElement(By.css('[data-testid=recipe] h2')).getText();
    expect(title.length).toBeGreaterThan(0);
    expect(await driver.findElements(byTestId('recipe-missing'))).toHaveLength(0);
  });
});

describe('accessibility', () => {
  it('has no axe-core violation on the Cookbook, a recipe and the Inspector', async () => {
    await openView(driver, 'cookbook');
    // axe runs in this webview: an image without a text alternative is caught.
    await driver.executeScript(
      "const i = document.createElement('img'); i.id = 'planted'; document.querySelector('main').append(i);",
    );
    expect(await axeViolations()).toEqual(['image-alt: #planted']);
    await driver.executeScript("document.getElementById('planted').remove()");
    expect(await axeViolations()).toEqual([]);
    await driver.executeScript("location.hash = '#/cookbook/channel-enum'");
    await driver.wait(until.elementLocated(By.css('[data-testid=recipe] pre .hljs-keyword')), 15_000);
    expect(await axeViolations()).toEqual([]);
    await driver.findElement(byTestId('inspector-toggle')).click();
    await openView(driver, 'commands');
    await driver.findElement(byTestId('greet-button')).click();
    await driver.wait(until.elementLocated(byTestId('inspector-entry')), 15_000);
    expect(await axeViolations()).toEqual([]);
    await driver.findElement(byTestId('inspector-toggle')).click();
  });
});

describe('Inspector', () => {
  const entries = () => driver.findElements(byTestId('inspector-entry'));
  /** The text of the newest entry named `name` (waits for it). */
  async function newest(name: string): Promise<string> {
    const row = await driver.wait(
      until.elementLocated(By.xpath(`//tr[@data-testid="inspector-entry"][.//code[text()="${name}"]]`)),
      15_000,
    );
    return row.getText();
  }

  it('logs a call with the transport that carried it, and a channel with its messages, while open only', async () => {
    await openView(driver, 'commands');
    await driver.findElement(byTestId('inspector-toggle')).click();
    await driver.wait(until.elementLocated(byTestId('inspector')), 15_000);
    await driver.findElement(byTestId('inspector-clear')).click();
    await typeInto(driver, 'greet-name', 'Inspector');
    await driver.findElement(byTestId('greet-button')).click();
    const greet = await newest('greet');
    expect(greet).toContain(EXPECTED_TRANSPORT === 'customProtocol' ? 'ipc:' : 'postMessage');
    expect(greet).toContain('{"name":"Inspector"}');
    expect(greet).toMatch(/ok$/);
    await driver.findElement(byTestId('stream-start')).click();
    await driver.wait(until.elementTextIs(await driver.findElement(byTestId('stream-count')), '101'), 15_000);
    await driver.wait(async () => (await newest('stream_progress')).includes('101 messages'), 15_000);

    // Closed, the tap is off: a call made meanwhile is not in the log when it opens again.
    await driver.findElement(byTestId('inspector-toggle')).click();
    await typeInto(driver, 'greet-name', 'Unseen');
    await driver.findElement(byTestId('greet-button')).click();
    await driver.wait(
      until.elementTextIs(await driver.findElement(byTestId('greet-result')), 'Hello, Unseen!'),
      15_000,
    );
    await driver.findElement(byTestId('inspector-toggle')).click();
    await driver.wait(until.elementLocated(byTestId('inspector')), 15_000);
    const texts = await Promise.all((await entries()).map((row) => row.getText()));
    expect(texts.some((text) => text.includes('Unseen'))).toBe(false);
    expect(texts.some((text) => text.includes('Inspector'))).toBe(true);
    await driver.findElement(byTestId('inspector-toggle')).click();
  });
});
