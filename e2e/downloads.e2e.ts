// Downloads in the real webview against a real loopback server: the seed's `download` call with
// `onEvent` gets started, progress… and finished in order; the Downloads view shows a finished
// download and opens it in the Files view; a URL outside the window's scope reaches nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { byTestId, inPage, invokeInPage, launchApp, openView, typeInto, waitForText } from './app';

let driver: WebDriver;
const downloads = join(inject('appDataDir'), 'files', 'downloads');

/** Serves `/bytes/<n>` (n bytes, sent in 64 KiB pieces 5 ms apart) and `/notes.txt`. */
let server: Server;
let serverUrl = '';
const requests: string[] = [];
const NOTES = 'Notes fetched over loopback.\nSecond line.';

function bytes(n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + (i >> 8)) & 0xff));
}

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const sized = /^\/bytes\/(\d+)$/.exec(request.url ?? '');
    if (request.url === '/notes.txt') {
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end(NOTES);
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  driver = await launchApp();
});

afterAll(async () => {
  await driver?.quit();
  await new Promise((resolve) => server?.close(resolve));
});

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
    for (const url of [`http://0.0.0.0:${port}/notes.txt`, 'https://169.254.169.254/latest/meta-data/', 'file:///etc/passwd']) {
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
