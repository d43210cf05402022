import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import { createWebHashHistory, type Router } from 'vue-router';
import { downloadInfo, fakeNetwork, URL_A } from '../testing/fakeNetwork';
import { nextNavigation, routerAt } from '../testing/router';
import DownloadsView from './DownloadsView.vue';

enableAutoUnmount(afterEach);
afterEach(() => clearMocks());

let router: Router;
/** The view with the app's real router at `#/downloads`, on the page's own hash as in the app. */
async function mountDownloads() {
  router = await routerAt({ name: 'downloads' }, { history: createWebHashHistory() });
  return mount(DownloadsView, { global: { plugins: [router] } });
}

async function startDownload(view: ReturnType<typeof mount>, url: string) {
  await view.get('[data-testid=download-url]').setValue(url);
  await view.get('[data-testid=download-start]').trigger('submit');
  await flushPromises();
}

const item = (view: ReturnType<typeof mount>, id: number) => view.get(`[data-testid=download-${id}]`);

describe('DownloadsView', () => {
  it('lists the downloads Rust knows on mount, newest first', async () => {
    const { calls } = fakeNetwork([
      downloadInfo({ id: 2, state: 'running', received: 512, total: null, fileName: 'b.bin' }),
      downloadInfo({ id: 1, received: 2048, total: 2048, fileName: 'a.bin', path: '/dl/a.bin' }),
    ]);
    const view = await mountDownloads();
    await flushPromises();
    const rows = view.findAll('[data-testid=downloads] > li').map((li) => li.attributes('data-testid'));
    expect(rows).toEqual(['download-2', 'download-1']);
    expect(view.get('[data-testid=download-state-2]').text()).toBe('running');
    expect(view.get('[data-testid=download-bytes-2]').text()).toBe('512 B');
    expect(view.get('[data-testid=download-progress-2]').attributes('value')).toBeUndefined(); // indeterminate
    expect(view.find('[aria-label="Cancel download of b.bin"]').exists()).toBe(true);
    expect(view.get('[data-testid=download-path-1]').text()).toBe('/dl/a.bin');
    expect(view.find('[data-testid=download-cancel-1]').exists()).toBe(false);
    expect(calls).toEqual([{ cmd: 'list_downloads', args: {} }]);
  });

  it('shows a started download’s progress live, then its saved path', async () => {
    const rust = fakeNetwork();
    const view = await mountDownloads();
    await flushPromises();
    await startDownload(view, URL_A);
    expect(rust.calls[1]).toMatchObject({ cmd: 'download', args: { url: URL_A } });

    await rust.send({ event: 'started', data: { downloadId: 1, url: URL_A, contentLength: 2048 } });
    await rust.send({ event: 'progress', data: { downloadId: 1, chunkLength: 1024 } });
    const progress = view.get<HTMLProgressElement>('[data-testid=download-progress-1]');
    expect([progress.element.value, progress.element.max]).toEqual([1024, 2048]);
    expect(progress.attributes('aria-label')).toBe(`Download of ${URL_A}`);
    expect(view.get('[data-testid=download-bytes-1]').text()).toBe('1.0 KiB / 2.0 KiB');
    expect(view.get('[data-testid=download-state-1]').text()).toBe('running');
    expect(view.find('[data-testid=download-cancel-1]').exists()).toBe(true);

    await rust.send({ event: 'progress', data: { downloadId: 1, chunkLength: 1024 } });
    await rust.send({ event: 'finished', data: { downloadId: 1 } });
    rust.resolve(downloadInfo({ id: 1, received: 2048, total: 2048, fileName: 'a.bin', path: '/dl/a.bin' }));
    await flushPromises();
    expect(view.get('[data-testid=download-state-1]').text()).toBe('finished');
    expect(view.get('[data-testid=download-path-1]').text()).toBe('/dl/a.bin');
    expect(item(view, 1).find('.name').text()).toBe('a.bin');
    expect(view.find('[data-testid=download-cancel-1]').exists()).toBe(false);
    expect(rust.calls.map((c) => c.cmd)).toEqual(['list_downloads', 'download']);
  });

  it('shows the error kind of a failed download on its row', async () => {
    const rust = fakeNetwork();
    const view = await mountDownloads();
    await flushPromises();
    await startDownload(view, 'https://example.com/missing');
    const error = { kind: 'http', message: 'HTTP error: HTTP 404 Not Found' } as const;
    await rust.send({ event: 'failed', data: { downloadId: 4, error } });
    rust.reject(error);
    await flushPromises();
    expect(view.get('[data-testid=download-state-4]').text()).toBe('failed');
    expect(item(view, 4).get('[data-testid=error-kind]').text()).toBe('http');
    expect(item(view, 4).get('[data-testid=error-message]').text()).toBe('HTTP error: HTTP 404 Not Found');
    expect(rust.calls.map((c) => c.cmd)).toEqual(['list_downloads', 'download', 'preferences']);
  });

  it('shows a refused URL as the typed error, with no row', async () => {
    const rust = fakeNetwork();
    const view = await mountDownloads();
    await flushPromises();
    await startDownload(view, 'http://169.254.169.254/latest');
    expect(view.get('[data-testid=error-kind]').text()).toBe('outsideScope');
    expect(view.findAll('[data-testid=downloads] > li')).toHaveLength(0);
    expect(rust.calls.map((c) => c.cmd)).toEqual(['list_downloads', 'download']);
  });

  it('cancels with the download’s id', async () => {
    const rust = fakeNetwork();
    const view = await mountDownloads();
    await flushPromises();
    await startDownload(view, URL_A);
    await rust.send({ event: 'queued', data: { downloadId: 9, url: URL_A } });
    expect(view.get('[data-testid=download-state-9]').text()).toBe('queued');
    await view.get('[data-testid=download-cancel-9]').trigger('click');
    await flushPromises();
    expect(rust.calls[2]).toEqual({ cmd: 'cancel_download', args: { downloadId: 9 } });
    await rust.send({ event: 'cancelled', data: { downloadId: 9 } });
    rust.reject({ kind: 'cancelled', message: 'cancelled' });
    await flushPromises();
    expect(view.get('[data-testid=download-state-9]').text()).toBe('cancelled');
    expect(item(view, 9).find('[data-testid=error]').exists()).toBe(false);
    expect(view.find('[data-testid=download-cancel-9]').exists()).toBe(false);
  });

  it('opens a finished download in Files through the hash', async () => {
    const { calls } = fakeNetwork([downloadInfo({ id: 3, fileName: 'r é.txt', path: '/dl/r é.txt' })]);
    const view = await mountDownloads();
    await flushPromises();
    const open = view.get('[data-testid=download-open-3]');
    expect(open.attributes('aria-label')).toBe('Open r é.txt in Files');
    const arrived = nextNavigation(router);
    await open.trigger('click');
    await arrived;
    expect(window.location.hash).toBe('#/files?path=%2Fdl%2Fr+%C3%A9.txt');
    expect(router.currentRoute.value.query.path).toBe('/dl/r é.txt');
    expect(calls.map((c) => c.cmd)).toEqual(['list_downloads']);
  });

  it('fetches a body as text, caps what it shows, and shows a typed error', async () => {
    const { calls } = fakeNetwork();
    const view = await mountDownloads();
    await view.get('[data-testid=fetch-url]').setValue('https://example.com/');
    await view.get('[data-testid=fetch-start]').trigger('submit');
    await flushPromises();
    expect(view.get('[data-testid=fetch-result]').text()).toBe('hello body');
    expect(view.find('[data-testid=fetch-cut]').exists()).toBe(false);

    await view.get('[data-testid=fetch-url]').setValue('https://example.com/big');
    await view.get('[data-testid=fetch-start]').trigger('submit');
    await flushPromises();
    expect(view.get('[data-testid=fetch-result]').text()).toHaveLength(20_000);
    expect(view.get('[data-testid=fetch-cut]').text()).toBe('Showing the first 20,000 of 25,000 characters.');

    await view.get('[data-testid=fetch-url]').setValue('https://example.com/missing');
    await view.get('[data-testid=fetch-start]').trigger('submit');
    await flushPromises();
    expect(view.get('[data-testid=error-kind]').text()).toBe('http');
    expect(view.find('[data-testid=fetch-result]').exists()).toBe(false);
    const fetches = calls.filter((c) => c.cmd === 'fetch_data').map((c) => c.args as { url: string; fetchId: number });
    expect(fetches.map((f) => f.url)).toEqual([
      'https://example.com/',
      'https://example.com/big',
      'https://example.com/missing',
    ]);
    expect(new Set(fetches.map((f) => f.fetchId)).size).toBe(3);
    expect(fetches.every((f) => Number.isInteger(f.fetchId) && f.fetchId >= 0 && f.fetchId < 2 ** 32)).toBe(true);
  });

  it('cancels a running fetch in Rust with its own fetch id, and when the view goes', async () => {
    const rust = fakeNetwork();
    const view = await mountDownloads();
    await view.get('[data-testid=fetch-url]').setValue('https://example.com/slow');
    await view.get('[data-testid=fetch-start]').trigger('submit');
    await flushPromises();
    const [running] = rust.slowFetches();
    expect(view.get('[data-testid=fetch-start]').attributes('disabled')).toBeDefined();
    await view.get('[data-testid=fetch-cancel]').trigger('click');
    await flushPromises();
    expect(rust.calls.filter((c) => c.cmd === 'cancel_fetch')).toEqual([
      { cmd: 'cancel_fetch', args: { fetchId: running } },
    ]);
    expect(rust.slowFetches()).toEqual([]);
    expect(view.get('[data-testid=error-kind]').text()).toBe('cancelled');
    expect(view.find('[data-testid=fetch-cancel]').exists()).toBe(false);

    await view.get('[data-testid=fetch-start]').trigger('submit');
    await flushPromises();
    const [second] = rust.slowFetches();
    expect(second).not.toBe(running);
    view.unmount();
    await flushPromises();
    expect(rust.slowFetches()).toEqual([]);
    expect(rust.calls.filter((c) => c.cmd === 'cancel_fetch').at(-1)).toEqual({
      cmd: 'cancel_fetch',
      args: { fetchId: second },
    });
  });

  it('shows how much of the quota the downloads folder uses, and again when a download ends', async () => {
    const rust = fakeNetwork();
    rust.setUsage({ usedBytes: 1.2 * 1024 ** 3 });
    const view = await mountDownloads();
    await flushPromises();
    expect(view.get('[data-testid=download-usage-text]').text()).toBe('1.2 GiB of 2.0 GiB used');
    expect(view.get('[data-testid=download-usage-detail]').text()).toContain(
      '50 GiB free on this disk; downloads always leave 512 MiB free.',
    );
    const meter = view.get<HTMLMeterElement>('meter');
    expect(meter.attributes('max')).toBe(String(2 * 1024 ** 3));
    expect(view.get('label[for=download-usage-meter]').text()).toBe('Downloads folder');
    expect(view.find('[data-testid=download-over-quota]').exists()).toBe(false);
    const before = rust.usageCalls();

    await startDownload(view, URL_A);
    rust.setUsage({ usedBytes: 1.2 * 1024 ** 3, reservedBytes: 600 * 1024 ** 2 });
    await rust.send({ event: 'started', data: { downloadId: 1, url: URL_A, contentLength: 600 * 1024 ** 2 } });
    await flushPromises();
    expect(rust.usageCalls()).toBeGreaterThan(before);
    expect(view.get('[data-testid=download-usage-detail]').text()).toContain(
      '600 MiB more claimed by running downloads.',
    );

    rust.setUsage({ usedBytes: 2 * 1024 ** 3 });
    await rust.send({ event: 'finished', data: { downloadId: 1 } });
    rust.resolve(downloadInfo({ id: 1, received: 600 * 1024 ** 2, fileName: 'a.bin', path: '/dl/a.bin' }));
    await flushPromises();
    expect(view.get('[data-testid=download-usage-text]').text()).toBe('2.0 GiB of 2.0 GiB used');
    expect(view.get('[data-testid=download-over-quota]').text()).toContain('new downloads are refused');
  });

  it('shows a download refused by the quota as its typed error', async () => {
    const rust = fakeNetwork();
    const view = await mountDownloads();
    await flushPromises();
    await startDownload(view, URL_A);
    const error = { kind: 'quotaExceeded', message: 'quota exceeded: 600.0 MiB more would pass the quota' } as const;
    await rust.send({ event: 'failed', data: { downloadId: 2, error } });
    rust.reject(error);
    await flushPromises();
    expect(item(view, 2).get('[data-testid=error-kind]').text()).toBe('quotaExceeded');
  });
});
