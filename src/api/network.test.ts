import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import {
  addLocalNetwork,
  cancelDownload,
  download,
  downloadUsage,
  fetchData,
  listDownloads,
  localNetworks,
  removeLocalNetwork,
  streamProgress,
  type DownloadEvent,
  type DownloadInfo,
} from './network';
import { AppError } from './errors';

afterEach(() => clearMocks());

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
/** Sends `messages` on the channel `id` the way Rust does: indexed, in order. */
const sendAll = (id: number, messages: unknown[]) =>
  messages.forEach((message, index) => internals().runCallback(id, { index, message }));

const info: DownloadInfo = {
  id: 1,
  url: 'https://example.com/a.bin',
  state: 'finished',
  received: 3,
  total: 3,
  fileName: 'a.bin',
  path: '/d/a.bin',
  error: null,
  startedMs: 1,
  endedMs: 2,
};

describe('network wrappers', () => {
  it('send the seed argument names and resolve with the value', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'fetch_data') return 'body';
      if (cmd === 'list_downloads') return [info];
      if (cmd === 'download') return info;
      return null;
    });
    await expect(fetchData('https://example.com/')).resolves.toBe('body');
    await expect(listDownloads()).resolves.toEqual([info]);
    await expect(cancelDownload(7)).resolves.toBeNull();
    await expect(download('https://example.com/a.bin')).resolves.toEqual(info);
    expect(calls).toEqual([
      { cmd: 'fetch_data', args: { url: 'https://example.com/', fetchId: null } },
      { cmd: 'list_downloads', args: {} },
      { cmd: 'cancel_download', args: { downloadId: 7 } },
      { cmd: 'download', args: { url: 'https://example.com/a.bin', onEvent: null } },
    ]);
  });

  it('deliver download channel messages to the handler in order', async () => {
    const messages: DownloadEvent[] = [
      { event: 'started', data: { url: info.url, downloadId: 1, contentLength: 3 } },
      { event: 'progress', data: { downloadId: 1, chunkLength: 3 } },
      { event: 'finished', data: { downloadId: 1 } },
    ];
    mockIPC((cmd, args) => {
      expect(cmd).toBe('download');
      const { url, onEvent } = args as { url: string; onEvent: { id: number } };
      expect(url).toBe(info.url);
      sendAll(onEvent.id, messages);
      return info;
    });
    const seen: DownloadEvent[] = [];
    await expect(download(info.url, (e) => seen.push(e))).resolves.toEqual(info);
    expect(seen).toEqual(messages);
  });

  it('stream 0..=100 from stream_progress to the handler', async () => {
    mockIPC((cmd, args) => {
      expect(cmd).toBe('stream_progress');
      sendAll(
        (args as { onProgress: { id: number } }).onProgress.id,
        Array.from({ length: 101 }, (_, i) => i),
      );
      return null;
    });
    const seen: number[] = [];
    await expect(streamProgress((n) => seen.push(n))).resolves.toBeNull();
    expect(seen).toEqual(Array.from({ length: 101 }, (_, i) => i));
  });

  it('reject with the typed error', async () => {
    mockIPC(() => {
      throw { kind: 'http', message: 'HTTP error: HTTP 404 Not Found' };
    });
    const error = await fetchData('https://example.com/missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'http', message: 'HTTP error: HTTP 404 Not Found' });
    await expect(download('https://example.com/missing', () => {})).rejects.toMatchObject({ kind: 'http' });
  });

  it('abort a fetch: it rejects cancelled at once and Rust is asked to cancel that fetch id', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const running = new Map<number, (e: unknown) => void>();
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'fetch_data') {
        const { fetchId } = args as { fetchId: number };
        return new Promise((_, reject) => running.set(fetchId, reject));
      }
      if (cmd === 'cancel_fetch') {
        const { fetchId } = args as { fetchId: number };
        running.get(fetchId)?.({ kind: 'cancelled', message: 'cancelled' });
        return running.delete(fetchId);
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const controller = new AbortController();
    const pending = fetchData('https://example.com/slow', { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 0));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    await new Promise((r) => setTimeout(r, 0));
    const fetchId = (calls[0].args as { fetchId: number }).fetchId;
    expect(calls).toEqual([
      { cmd: 'fetch_data', args: { url: 'https://example.com/slow', fetchId } },
      { cmd: 'cancel_fetch', args: { fetchId } },
    ]);
    expect(running.size).toBe(0);
  });

  it('ask Rust again when an abort comes before the fetch reached it', async () => {
    const calls: string[] = [];
    let registered = false;
    let rejectFetch: (e: unknown) => void = () => {};
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'fetch_data') return new Promise((_, reject) => (rejectFetch = reject));
      if (cmd === 'cancel_fetch') {
        if (!registered) return false; // not in Rust yet
        rejectFetch({ kind: 'cancelled', message: 'cancelled' });
        return true;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    const controller = new AbortController();
    const pending = fetchData('https://example.com/slow', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    registered = true;
    await new Promise((r) => setTimeout(r, 120));
    expect(calls.filter((c) => c === 'cancel_fetch').length).toBeGreaterThanOrEqual(2);
    expect(calls.at(-1)).toBe('cancel_fetch');
  });

  it('never start a fetch whose signal is already aborted', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => calls.push(cmd));
    const controller = new AbortController();
    controller.abort();
    await expect(fetchData('https://example.com/', { signal: controller.signal })).rejects.toMatchObject({
      kind: 'cancelled',
    });
    expect(calls).toEqual([]);
  });

  it('leave a fetch that ends alone: no cancel after it answered', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return 'body';
    });
    const controller = new AbortController();
    await expect(fetchData('https://example.com/', { signal: controller.signal })).resolves.toBe('body');
    controller.abort();
    expect(calls).toEqual(['fetch_data']);
  });

  it('read the quota use and manage the local networks with the argument names Rust takes', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    const usage = { usedBytes: 1, reservedBytes: 0, quotaBytes: 2, freeBytes: null, freeReserveBytes: 3 };
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'download_usage') return usage;
      return ['192.168.1.0/24'];
    });
    await expect(downloadUsage()).resolves.toEqual(usage);
    await expect(localNetworks()).resolves.toEqual(['192.168.1.0/24']);
    await addLocalNetwork('192.168.1.0/24');
    await removeLocalNetwork('10.0.0.0/8');
    expect(calls.map((c) => [c.cmd, c.args])).toEqual([
      ['download_usage', {}],
      ['local_networks', {}],
      ['add_local_network', { range: '192.168.1.0/24' }],
      ['remove_local_network', { range: '10.0.0.0/8' }],
    ]);
  });
});
