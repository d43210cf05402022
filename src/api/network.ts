// Network: `fetch_data` (a body as text), downloads (started with an optional per-call channel,
// cancelled, listed) and `stream_progress` (a Channel<number>). The URLs a window may reach
// come from its capability; a refused one rejects with `outsideScope`.
import { Channel } from '@tauri-apps/api/core';
import { commands, type DownloadEvent, type DownloadInfo, type WorkState } from '../../gen/bindings';
import { call } from './call';

export type { DownloadEvent, DownloadInfo, WorkState };

/** `fetch_data`: the body as text (network, http, timeout, tooLarge, outsideScope …). */
export const fetchData = (url: string) => call(commands.fetchData(url));

/** Every download Rust knows (this run's, and the finished ones of earlier runs), newest first. */
export const listDownloads = () => call(commands.listDownloads());

/** Cancels a queued or running download; idempotent, `notFound` for an id that never was. */
export const cancelDownload = (downloadId: number) => call(commands.cancelDownload(downloadId));

/**
 * `download`: resolves with the saved file's DownloadInfo (rejects `cancelled` when cancelled).
 * `onEvent` gets the tagged messages of this download; without it no channel is sent at all.
 */
export const download = (url: string, onEvent?: (event: DownloadEvent) => void) =>
  call(commands.download(url, onEvent ? new Channel<DownloadEvent>(onEvent) : null));

/** `stream_progress`: `onProgress` gets 0..=100 in order; resolves once Rust has sent them. */
export const streamProgress = (onProgress: (value: number) => void) =>
  call(commands.streamProgress(new Channel<number>(onProgress)));
