// The downloads as reactive state, newest first: the list Rust keeps (loaded on creation), the
// downloads started here followed live on their channel, and the queued or running ones this
// page did not start (e.g. before a reload) followed by polling `list_downloads` while they
// last. Each running download has a speed over a short sliding window. A download started
// here that fails is reported to the download notices.
import { ref } from 'vue';
import { cancelDownload, download, listDownloads, toAppError, type DownloadEvent, type DownloadInfo } from '../api';
import { isActive, type WorkItemView } from '../lib/work';
import { noteDownloadFailed } from './useDownloadNotices';
import { useWorkList, type WorkRow } from './useWorkList';

export type DownloadRow = WorkRow<DownloadInfo>;

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
  /** Ids this page follows on a channel; the other active ones are polled. */
  const live = new Set<number>();
  let polling = false;
  const {
    rows: downloads,
    error,
    find,
    upsert,
    measure,
    schedule,
    fail,
    cancel,
    isDisposed,
  } = useWorkList<DownloadInfo>({
    bytes: (d) => d.received,
    cancel: cancelDownload,
    tickMs: POLL_MS,
    ticksWhile: isActive,
    // The channel moves the rows it follows; a sample per tick lets a stalled one's speed fall to 0.
    sampleOnTick: (d) => live.has(d.id) && d.state === 'running',
    onTick: () => {
      if (!polling && downloads.value.some((d) => isActive(d) && !live.has(d.id))) return refresh();
    },
  });
  /** Starts still waiting for their first channel message. */
  const starting = ref(0);

  /** Loads the list; rows followed on a channel keep what the channel said. */
  async function refresh() {
    polling = true;
    try {
      const infos = await listDownloads();
      if (!isDisposed()) infos.filter((info) => !live.has(info.id)).forEach((info) => upsert(info));
    } catch (reason) {
      fail(reason);
    } finally {
      polling = false;
    }
  }

  // #region recipe:channel-enum
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
  // #endregion recipe:channel-enum

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
        if (isDisposed()) return;
        started();
        id = event.data.downloadId;
        onEvent(url, event);
      });
      if (isDisposed()) return;
      live.add(info.id);
      upsert(info);
    } catch (reason) {
      const failure = toAppError(reason);
      const row = id === undefined ? undefined : find(id);
      if (!row) return fail(failure);
      // The download got an id and ended badly: a notice, even after this page went elsewhere.
      if (!failure.is('cancelled')) void noteDownloadFailed(url, failure.toJSON());
      if (isDisposed()) return;
      row.state = failure.is('cancelled') ? 'cancelled' : 'failed';
      row.error = failure.is('cancelled') ? null : failure.toJSON();
      measure(row);
    } finally {
      started();
    }
  }

  const ready = refresh();
  return { downloads, error, starting, ready, start, cancel, refresh };
}

/** A download's name: its file's, once known, else its URL. */
export const downloadName = (d: DownloadInfo) => d.fileName ?? d.url;

/** What the Downloads list shows of a download. */
export const downloadItem = (d: DownloadRow): WorkItemView => {
  const name = downloadName(d);
  return {
    testid: 'download',
    id: d.id,
    name,
    state: d.state,
    done: d.received,
    total: d.total,
    speed: d.speed,
    error: d.error,
    progressLabel: `Download of ${name}`,
    cancelLabel: `Cancel download of ${name}`,
  };
};
