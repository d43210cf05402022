import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { cancelDownload, download, fetchData, listDownloads, streamProgress, type DownloadEvent, type DownloadInfo } from './network';
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
      { cmd: 'fetch_data', args: { url: 'https://example.com/' } },
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
      sendAll((args as { onProgress: { id: number } }).onProgress.id, Array.from({ length: 101 }, (_, i) => i));
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
});
