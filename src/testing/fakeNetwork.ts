// Test support: a fake Rust side for the network commands on `mockIPC`. It answers
// `list_downloads` from a list the test sets, `cancel_download`, and `fetch_data`, and holds the
// one `download` in flight open so the test drives it through its channel (`send`) and settles
// it (`resolve` / `reject`). A URL on 169.254.x.x is refused as `outsideScope`, as Rust does.
// A fetch of `…/slow` runs until `cancel_fetch` names its `fetchId` (then it rejects
// `cancelled`, as Rust does). `download_usage` answers the usage the test sets (its calls are
// counted in `usageCalls`, not listed in `calls`). `preferences` (read for the download notices)
// answers `notification: 'all'`.
import { flushPromises } from '@vue/test-utils';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { DownloadEvent, DownloadInfo, DownloadUsage } from '../api';

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

export const URL_A = 'https://example.com/a.bin';

/** A finished download of URL_A with id 1, changed by `over`. */
export const downloadInfo = (over: Partial<DownloadInfo>): DownloadInfo => ({
  id: 1,
  url: URL_A,
  state: 'finished',
  received: 0,
  total: null,
  fileName: null,
  path: null,
  error: null,
  startedMs: 0,
  endedMs: null,
  ...over,
});

/** `fetch_data`: `…/missing` is a 404, `…/big` 25,000 characters, anything else `hello body`. */
function fetched(url: string): string {
  if (url.endsWith('/missing')) throw { kind: 'http', message: 'HTTP error: HTTP 404 Not Found' };
  return url.endsWith('/big') ? 'x'.repeat(25_000) : 'hello body';
}

const GIB = 1024 ** 3;

/** What `download_usage` answers unless the test sets another: 0 of 2 GiB used, 50 GiB free. */
export const USAGE: DownloadUsage = {
  usedBytes: 0,
  reservedBytes: 0,
  quotaBytes: 2 * GIB,
  freeBytes: 50 * GIB,
  freeReserveBytes: 512 * 1024 * 1024,
};

export function fakeNetwork(initial: DownloadInfo[] = []) {
  const calls: { cmd: string; args: unknown }[] = [];
  let list = initial;
  let usage = USAGE;
  let usageCalls = 0;
  /** Fetches of `…/slow` still running, by fetch id. */
  const slow = new Map<number, (error: unknown) => void>();
  let channel = 0;
  let index = 0;
  type Settle = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
  let settle: Settle = { resolve: () => {}, reject: () => {} };
  mockIPC((cmd, args) => {
    if (cmd === 'download_usage') {
      usageCalls++;
      return usage;
    }
    calls.push({ cmd, args });
    if (cmd === 'list_downloads') return list;
    if (cmd === 'cancel_fetch') {
      const reject = slow.get((args as { fetchId: number }).fetchId);
      reject?.({ kind: 'cancelled', message: 'cancelled' });
      return reject !== undefined;
    }
    if (cmd === 'cancel_download') return null;
    if (cmd === 'preferences') return { notification: 'all' };
    if (cmd === 'fetch_data') {
      const { url, fetchId } = args as { url: string; fetchId: number | null };
      if (url.endsWith('/slow') && fetchId !== null) {
        return new Promise((_, reject) => slow.set(fetchId, (error) => (slow.delete(fetchId), reject(error))));
      }
      return fetched(url);
    }
    if (cmd === 'download') {
      const { url, onEvent } = args as { url: string; onEvent: { id: number } | null };
      if (url.startsWith('http://169.254.'))
        throw { kind: 'outsideScope', message: `outside the allowed scope: ${url}` };
      channel = onEvent!.id;
      index = 0;
      return new Promise((resolve, reject) => (settle = { resolve, reject }));
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return {
    calls,
    setList: (next: DownloadInfo[]) => (list = next),
    setUsage: (next: Partial<DownloadUsage>) => (usage = { ...USAGE, ...next }),
    usageCalls: () => usageCalls,
    /** The ids of the `…/slow` fetches still running. */
    slowFetches: () => [...slow.keys()],
    /** Delivers a channel message of the download in flight, then lets Vue catch up. */
    send: async (message: DownloadEvent) => {
      internals().runCallback(channel, { index: index++, message });
      await flushPromises();
    },
    /** Delivers a channel message of the download in flight, synchronously. */
    deliver: (message: DownloadEvent) => internals().runCallback(channel, { index: index++, message }),
    resolve: (value: DownloadInfo) => settle.resolve(value),
    reject: (error: unknown) => settle.reject(error),
  };
}
