// The downloads as reactive state, newest first: the list Rust keeps (loaded on creation), the
// downloads started here followed live on their channel, and the queued or running ones this
// page did not start (e.g. before a reload) followed by polling `list_downloads` while they
// last. Each running download has a speed over a short sliding window. A download started
// here that fails is reported to the download notices.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import {
  cancelDownload,
  download,
  listDownloads,
  toAppError,
  type AppError,
  type DownloadEvent,
  type DownloadInfo,
} from '../api';
import { isActive, speedMeter } from '../lib/work';
import { noteDownloadFailed } from './useDownloadNotices';

export interface DownloadRow extends DownloadInfo {
  /** Bytes per second over the last SPEED_WINDOW_MS (lib/work.ts) while running; `null` otherwise or unknown yet. */
  speed: number | null;
}

/** How often the timer ticks while downloads are active (and polls for the ones not started here). */
export const POLL_MS = 1000;

/** A download known so far only from its first channel message. */
const fresh = (id: number, url: string): DownloadInfo => ({
  id,
  url,
  state: 'queued',
  received: 0,
  total: null,
  fileName: null,
  path: null,
  error: null,
  startedMs: Date.now(),
  endedMs: null,
});

export function useDownloads() {
  const downloads = ref<DownloadRow[]>([]);
  /** A start that got no id (refused URL, too many downloads), a failed cancel or list. */
  const error = shallowRef<AppError | null>(null);
  /** Starts still waiting for their first channel message. */
  const starting = ref(0);
  /** Ids this page follows on a channel; the other active ones are polled. */
  const live = new Set<number>();
  const speeds = speedMeter();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let polling = false;
  let disposed = false;

  const find = (id: number) => downloads.value.find((d) => d.id === id);

  /** Adds a sample of the row's bytes and recomputes its speed (none unless running). */
  function measure(row: DownloadRow) {
    row.speed = row.state === 'running' ? speeds.sample(row.id, row.received) : speeds.forget(row.id);
  }

  /** Puts `info` in the list, replacing the row with its id, and keeps the list newest first. */
  function upsert(info: DownloadInfo): DownloadRow {
    let row = find(info.id);
    if (row) Object.assign(row, info);
    else {
      downloads.value.push({ ...info, speed: null });
      downloads.value.sort((a, b) => b.id - a.id);
      row = find(info.id)!;
    }
    measure(row);
    schedule();
    return row;
  }

  function fail(reason: unknown) {
    if (!disposed) error.value = toAppError(reason);
  }

  /** Loads the list; rows followed on a channel keep what the channel said. */
  async function refresh() {
    polling = true;
    try {
      const list = await listDownloads();
      if (!disposed) list.filter((info) => !live.has(info.id)).forEach(upsert);
    } catch (reason) {
      fail(reason);
    } finally {
      polling = false;
    }
  }

  function schedule() {
    if (!disposed && !timer && downloads.value.some(isActive)) timer = setTimeout(tick, POLL_MS);
  }

  async function tick() {
    timer = undefined;
    // A sample per tick lets a stalled download's speed fall to 0.
    downloads.value.filter((d) => live.has(d.id) && d.state === 'running').forEach(measure);
    if (!polling && downloads.value.some((d) => isActive(d) && !live.has(d.id))) await refresh();
    schedule();
  }

  function onEvent(url: string, event: DownloadEvent) {
    const id = event.data.downloadId;
    live.add(id);
    const row = find(id) ?? upsert(fresh(id, url));
    if (!isActive(row)) return; // it ended already: late messages change nothing
    if (event.event === 'queued') row.state = 'queued';
    if (event.event === 'started') {
      row.state = 'running';
      row.total = event.data.contentLength;
    }
    if (event.event === 'progress') {
      row.state = 'running';
      row.received += event.data.chunkLength;
    }
    if (event.event === 'finished' || event.event === 'cancelled') row.state = event.event;
    if (event.event === 'failed') {
      row.state = 'failed';
      row.error = event.data.error;
    }
    measure(row);
    schedule();
  }

  /** Downloads `url`, following it on its channel; resolves once it has ended. */
  async function start(url: string): Promise<void> {
    let id: number | undefined;
    let waiting = true;
    const started = () => {
      if (waiting) starting.value--;
      waiting = false;
    };
    error.value = null;
    starting.value++;
    try {
      const info = await download(url, (event) => {
        if (disposed) return;
        started();
        id = event.data.downloadId;
        onEvent(url, event);
      });
      if (disposed) return;
      live.add(info.id);
      upsert(info);
    } catch (reason) {
      const failure = toAppError(reason);
      const row = id === undefined ? undefined : find(id);
      if (!row) return fail(failure);
      // The download got an id and ended badly: a notice, even after this page went elsewhere.
      if (!failure.is('cancelled')) noteDownloadFailed(url, failure.toJSON());
      if (disposed) return;
      row.state = failure.is('cancelled') ? 'cancelled' : 'failed';
      row.error = failure.is('cancelled') ? null : failure.toJSON();
      measure(row);
    } finally {
      started();
    }
  }

  async function cancel(id: number): Promise<void> {
    error.value = null;
    await cancelDownload(id).catch(fail);
  }

  const ready = refresh();
  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true;
      clearTimeout(timer);
    });
  }
  return { downloads, error, starting, ready, start, cancel, refresh };
}
