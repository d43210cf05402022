// A hostile page attempts every expensive thing at once, in the real app (DESIGN §3: expensive
// work is bounded in memory, disk and time): streams it never takes (it wraps `window.fetch` so
// the app's frames are never fetched), fetches and downloads from a loopback server that drips
// one byte a second, hash jobs over a large file, and fs plugin reads. What it pins stays within
// the page's channel budget — measured as the app process's resident size — the streams end
// with `timeout` (or `busy` past the read limit), and `greet` keeps answering within 50 ms.
import { execFileSync } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { inPage, launchApp, startLoopback, type Loopback } from './app';

const MIB = 1024 * 1024;
let driver: WebDriver;
const data = inject('appDataDir');

/** A loopback server that sends one byte a second and never finishes, and the requests it had. */
let loopback: Loopback | undefined;
let dripUrl = '';
const dripping = new Set<ServerResponse>();

/** The newest `ipc-lab` process: the app under test. */
function appPid(): number {
  return Number(execFileSync('pgrep', ['-n', '-x', 'ipc-lab']).toString().trim());
}

/** The app's resident size, in bytes. */
function resident(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1]) * 1024;
}

beforeAll(async () => {
  loopback = await startLoopback((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(MIB) });
    dripping.add(response);
    const timer = setInterval(() => response.write('x'), 1000);
    response.on('close', () => {
      clearInterval(timer);
      dripping.delete(response);
    });
  });
  dripUrl = `${loopback.url}/drip`;
  driver = await launchApp();
  await driver.manage().setTimeouts({ script: 120_000 });
});

afterAll(async () => {
  await driver?.quit();
  await loopback?.close();
});

describe('A hostile page attempting everything at once', () => {
  it('pins at most its channel budget, its streams end with timeout, and greet answers within 50 ms', async () => {
    const folder = join(data, 'files', 'bounds');
    mkdirSync(folder, { recursive: true });
    // 65 MiB: more than the page's 64 MiB budget, so no stream can finish without the page.
    const path = join(folder, 'big.bin');
    writeFileSync(path, Buffer.alloc(65 * MIB, 7));
    const pid = appPid();
    const before = resident(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, resident(pid))), 100);

    const outcome = await inPage<{ streams: string[]; greets: number[]; refusedReads: number }>(
      driver,
      `const [path, drip] = args;
       // The frames the app has the page fetch are never fetched; everything else still works.
       const realFetch = window.fetch;
       window.fetch = (url, options) =>
         String(url).includes('frames') ? new Promise(() => {}) : realFetch(url, options);
       const channel = () => '__CHANNEL__:' + transformCallback(() => {});
       const kind = (p) => p.then(() => 'accepted', (e) => e.kind ?? String(e));
       const streams = Array.from({ length: 6 }, () => kind(invoke('load_image', { path, reader: channel() })));
       // The rest is attempted alongside and not awaited: it must not slow greet either.
       for (let i = 0; i < 6; i++) {
         kind(invoke('fetch_data', { url: drip + '/fetch/' + i }));
         kind(invoke('download', { url: drip + '/download/' + i, onEvent: channel() }));
         kind(invoke('start_hash_job', { path }));
       }
       const reads = Array.from({ length: 6 }, () => kind(invoke('plugin:fs|read_text_file', { path })));
       let settled = false;
       const all = Promise.all(streams).finally(() => (settled = true));
       const greets = [];
       while (!settled) {
         const started = performance.now();
         await invoke('greet', { name: 'still here' });
         greets.push(performance.now() - started);
         await new Promise((resolve) => setTimeout(resolve, 100));
       }
       const refusedReads = (await Promise.all(reads)).filter((k) => k !== 'accepted').length;
       return { streams: await all, greets, refusedReads };`,
      path,
      dripUrl,
    );
    clearInterval(sampler);

    for (const kind of outcome.streams) expect(['timeout', 'busy']).toContain(kind);
    expect(outcome.streams).toContain('timeout');
    expect(outcome.refusedReads, 'the fs plugin reads nothing for the page').toBe(6);
    expect(dripping.size, 'the slow server held places meanwhile').toBeGreaterThan(0);
    // Six streams of 65 MiB would pin 390 MiB; the budget is 64 MiB (plus a chunk per read).
    const grewMiB = (peak - before) / MIB;
    expect(grewMiB).toBeLessThan(200);
    const greets = outcome.greets.map(Math.round).sort((a, b) => a - b);
    expect(greets.length).toBeGreaterThan(20);
    const p95 = greets[Math.floor(greets.length * 0.95)];
    console.log(
      `resident size grew by ${grewMiB.toFixed(0)} MiB at its peak; greet: ${greets.length} calls, ` +
        `median ${greets[greets.length >> 1]} ms, p95 ${p95} ms, max ${greets[greets.length - 1]} ms`,
    );
    expect(p95).toBeLessThanOrEqual(50);
    // Let go of what the slow server holds (downloads are cancelled with their window at quit).
    loopback?.server.closeAllConnections();
  });
});
