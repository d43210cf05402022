import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { flushPromises } from '@vue/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import type { IpcError } from '../api';
import { downloadInfo, fakeNetwork, URL_A } from '../testing/fakeNetwork';
import { POLL_MS, useDownloads } from './useDownloads';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

function mountDownloads() {
  const scope = effectScope();
  const downloads = scope.run(() => useDownloads())!;
  return { ...downloads, scope };
}

const listCalls = (calls: { cmd: string }[]) => calls.filter((c) => c.cmd === 'list_downloads').length;

describe('useDownloads', () => {
  it('loads the list on creation and does not poll when nothing is active', async () => {
    const fake = fakeNetwork([downloadInfo({ id: 2, fileName: 'b.bin' }), downloadInfo({ id: 1, state: 'failed' })]);
    const d = mountDownloads();
    await d.ready;
    expect(d.downloads.value.map((r) => [r.id, r.state])).toEqual([
      [2, 'finished'],
      [1, 'failed'],
    ]);
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    expect(fake.calls).toEqual([{ cmd: 'list_downloads', args: {} }]);
    d.scope.stop();
  });

  it('follows a download it started on its channel, with a speed, until the final info', async () => {
    const fake = fakeNetwork([downloadInfo({ id: 1 })]);
    const d = mountDownloads();
    await d.ready;
    const done = d.start(URL_A);
    await flushPromises();
    expect(d.starting.value).toBe(1);
    expect(fake.calls[1]).toMatchObject({
      cmd: 'download',
      args: { url: URL_A, onEvent: { id: expect.any(Number) as number } },
    });

    fake.deliver({ event: 'queued', data: { downloadId: 2, url: URL_A } });
    expect(d.starting.value).toBe(0);
    expect(d.downloads.value.map((r) => [r.id, r.state])).toEqual([
      [2, 'queued'],
      [1, 'finished'],
    ]);
    fake.deliver({ event: 'started', data: { downloadId: 2, url: URL_A, contentLength: 4000 } });
    vi.advanceTimersByTime(500);
    fake.deliver({ event: 'progress', data: { downloadId: 2, chunkLength: 1000 } });
    vi.advanceTimersByTime(500);
    fake.deliver({ event: 'progress', data: { downloadId: 2, chunkLength: 1000 } });
    const row = d.downloads.value[0];
    expect(row).toMatchObject({ state: 'running', received: 2000, total: 4000, speed: 2000 });

    fake.deliver({ event: 'finished', data: { downloadId: 2 } });
    fake.deliver({ event: 'progress', data: { downloadId: 2, chunkLength: 99 } }); // late: ignored
    fake.resolve(downloadInfo({ id: 2, received: 4000, total: 4000, fileName: 'a.bin', path: '/dl/a.bin' }));
    await done;
    expect(d.downloads.value[0]).toMatchObject({ state: 'finished', received: 4000, path: '/dl/a.bin', speed: null });
    await vi.advanceTimersByTimeAsync(3 * POLL_MS);
    expect(listCalls(fake.calls)).toBe(1); // its own download is never polled
    d.scope.stop();
  });

  it('lets the speed fall to 0 when a download stalls', async () => {
    const fake = fakeNetwork();
    const d = mountDownloads();
    await d.ready;
    void d.start(URL_A);
    await flushPromises();
    fake.deliver({ event: 'started', data: { downloadId: 1, url: URL_A, contentLength: null } });
    vi.advanceTimersByTime(500);
    fake.deliver({ event: 'progress', data: { downloadId: 1, chunkLength: 500 } });
    expect(d.downloads.value[0]).toMatchObject({ total: null, speed: 1000 });
    await vi.advanceTimersByTimeAsync(4 * POLL_MS);
    expect(d.downloads.value[0].speed).toBe(0);
    expect(listCalls(fake.calls)).toBe(1);
    d.scope.stop();
  });

  it('shows a failure on its row, and a refusal without an id as the error', async () => {
    const fake = fakeNetwork();
    const d = mountDownloads();
    await d.ready;
    const done = d.start(URL_A);
    await flushPromises();
    fake.deliver({ event: 'started', data: { downloadId: 1, url: URL_A, contentLength: null } });
    const http: IpcError = { kind: 'http', message: 'HTTP error: HTTP 404 Not Found' };
    fake.deliver({ event: 'failed', data: { downloadId: 1, error: http } });
    fake.reject(http);
    await done;
    expect(d.downloads.value[0]).toMatchObject({ state: 'failed', error: http });
    expect(d.error.value).toBeNull();

    await d.start('http://169.254.169.254/');
    expect(d.error.value).toMatchObject({ kind: 'outsideScope' });
    expect(d.downloads.value).toHaveLength(1);
    expect(d.starting.value).toBe(0);
    // The failed download is reported to the download notices, which read the preference.
    expect(fake.calls.map((c) => c.cmd)).toEqual(['list_downloads', 'download', 'preferences', 'download']);
    d.scope.stop();
  });

  it('marks a cancelled download and sends cancel_download with its id', async () => {
    const fake = fakeNetwork();
    const d = mountDownloads();
    await d.ready;
    const done = d.start(URL_A);
    await flushPromises();
    fake.deliver({ event: 'started', data: { downloadId: 5, url: URL_A, contentLength: 10 } });
    await d.cancel(5);
    fake.deliver({ event: 'cancelled', data: { downloadId: 5 } });
    fake.reject({ kind: 'cancelled', message: 'cancelled' });
    await done;
    expect(d.downloads.value[0]).toMatchObject({ id: 5, state: 'cancelled', error: null });
    expect(fake.calls[2]).toEqual({ cmd: 'cancel_download', args: { downloadId: 5 } });
    d.scope.stop();
  });

  it('polls the downloads it did not start while they run, with a speed from the deltas', async () => {
    const fake = fakeNetwork([downloadInfo({ id: 3, state: 'running', received: 0, total: 9000 })]);
    const d = mountDownloads();
    await d.ready;
    fake.setList([downloadInfo({ id: 3, state: 'running', received: 3000, total: 9000 })]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(d.downloads.value[0]).toMatchObject({ received: 3000, speed: 3000 });
    fake.setList([downloadInfo({ id: 3, state: 'finished', received: 9000, total: 9000, path: '/dl/c' })]);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(d.downloads.value[0]).toMatchObject({ state: 'finished', path: '/dl/c', speed: null });
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    expect(listCalls(fake.calls)).toBe(3); // the load and two polls, then none
    d.scope.stop();
  });

  it('stops its timer and ignores channel messages once disposed', async () => {
    const fake = fakeNetwork([downloadInfo({ id: 3, state: 'running' })]);
    const d = mountDownloads();
    await d.ready;
    void d.start(URL_A);
    await flushPromises();
    d.scope.stop();
    fake.deliver({ event: 'started', data: { downloadId: 4, url: URL_A, contentLength: null } });
    await vi.advanceTimersByTimeAsync(5 * POLL_MS);
    expect(d.downloads.value.map((r) => r.id)).toEqual([3]);
    expect(fake.calls.map((c) => c.cmd)).toEqual(['list_downloads', 'download']);
  });
});
