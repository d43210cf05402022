// Network: `fetch_data` (a body as text, abortable), downloads (started with an optional
// per-call channel, cancelled, listed, and the folder's quota and use), the local networks the
// user allows (settings window), and `stream_progress` (a Channel<number>). The URLs a window
// may reach come from its capability; a refused one rejects with `outsideScope`.
import { Channel } from '@tauri-apps/api/core';
import {
  commands,
  type DownloadEvent,
  type DownloadInfo,
  type DownloadUsage,
  type WorkState,
} from '../../gen/bindings';
import { AppError } from './errors';
import { call } from './call';

export type { DownloadEvent, DownloadInfo, DownloadUsage, WorkState };

/** How often an abort asks Rust again to cancel a fetch it has not registered yet, and how long. */
const CANCEL_RETRY_MS = 50;
const CANCEL_TRIES = 40;

/** The fetch ids this page gives (u32). A random start: a reloaded page does not reuse its last ids. */
let lastFetchId = Math.floor(Math.random() * 0x7fff_ffff);

const cancelled = () => new AppError('cancelled', 'cancelled');

// #region recipe:capabilities
/**
 * `fetch_data`: the body as text (network, http, timeout, tooLarge, outsideScope …). With a
 * `signal`, aborting it rejects at once with `cancelled` and cancels the fetch in Rust
 * (`cancel_fetch` with this call's `fetchId`). Rust also ends it when this page goes.
 */
export async function fetchData(url: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  const { signal } = options;
  if (!signal) return call(commands.fetchData(url, null));
  if (signal.aborted) throw cancelled();
  const fetchId = (lastFetchId = (lastFetchId + 1) >>> 0);
  let settled = false;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      reject(cancelled());
      void cancelInRust(fetchId, () => settled);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const pending = call(commands.fetchData(url, fetchId));
  // Settled once Rust answered (after an abort: `cancelled`, which nobody awaits any more).
  pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  try {
    return await Promise.race([pending, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
// #endregion recipe:capabilities

/** Cancels `fetchId` in Rust, asking again while the call may not have reached Rust yet. */
async function cancelInRust(fetchId: number, done: () => boolean): Promise<void> {
  for (let tries = 0; tries < CANCEL_TRIES; tries++) {
    if (await cancelFetch(fetchId).catch(() => true)) return;
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, CANCEL_RETRY_MS));
  }
}

/** Cancels this window's running fetch `fetchId`; whether one was running. */
export const cancelFetch = (fetchId: number) => call(commands.cancelFetch(fetchId));

/** The downloads folder's use against its quota, and the disk's free space (bytes). */
export const downloadUsage = () => call(commands.downloadUsage());

/** The local network ranges pages may reach (settings window). */
export const localNetworks = () => call(commands.localNetworks());
/**
 * Asks Rust to allow `range` (inside 10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): Rust
 * asks the user in a native dialog naming it. Resolves with the allowed ranges (unchanged when
 * the user cancels); `invalidInput` for a range outside the local networks.
 */
export const addLocalNetwork = (range: string) => call(commands.addLocalNetwork(range));
/** Stops allowing a range; `notFound` when it is not allowed. */
export const removeLocalNetwork = (range: string) => call(commands.removeLocalNetwork(range));

/** Every download Rust knows (this run's, and the finished ones of earlier runs), newest first. */
export const listDownloads = () => call(commands.listDownloads());

// #region recipe:cancellation
/** Cancels a queued or running download; idempotent, `notFound` for an id that never was. */
export const cancelDownload = (downloadId: number) => call(commands.cancelDownload(downloadId));
// #endregion recipe:cancellation

// #region recipe:channel-enum
/**
 * `download`: resolves with the saved file's DownloadInfo (rejects `cancelled` when cancelled).
 * `onEvent` gets the tagged messages of this download; without it no channel is sent at all.
 */
export const download = (url: string, onEvent?: (event: DownloadEvent) => void) =>
  call(commands.download(url, onEvent ? new Channel<DownloadEvent>(onEvent) : null));
// #endregion recipe:channel-enum

// #region recipe:channel
/** `stream_progress`: `onProgress` gets 0..=100 in order; resolves once Rust has sent them. */
export const streamProgress = (onProgress: (value: number) => void) =>
  call(commands.streamProgress(new Channel<number>(onProgress)));
// #endregion recipe:channel
