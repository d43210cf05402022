// Download notices in main: when a download finishes or fails, a small dismissible notice, as
// the `notification` preference says (all: every end; errors: failures only; none: nothing).
// A finish is heard through the app-wide `download-finished` event, whoever started it; a
// failure through the Downloads composable, for the downloads this page follows.
import { ref } from 'vue';
import { preferences, type IpcError, type Notification } from '../api';
import { useTauriEvent } from './useTauriEvent';

export interface DownloadNotice {
  id: number;
  ok: boolean;
  text: string;
}

/** Notices shown at once, at most (the oldest go first). */
export const MAX_NOTICES = 4;

const notices = ref<DownloadNotice[]>([]);
let nextId = 1;

/** Whether `preference` asks for a notice when a download ends (`ok`: it finished). */
export function wantsNotice(preference: Notification, ok: boolean): boolean {
  return preference === 'all' || (preference === 'errors' && !ok);
}

/** Adds a notice if the preference (read now: the settings window may have changed it) asks. */
async function note(ok: boolean, text: string): Promise<void> {
  // A notice is not worth an error of its own: if the preference cannot be read, show it.
  const preference = await preferences().then(
    (p) => p.notification,
    (): Notification => 'all',
  );
  if (!wantsNotice(preference, ok)) return;
  notices.value = [{ id: nextId++, ok, text }, ...notices.value].slice(0, MAX_NOTICES);
}

/** A download this page followed failed (the Downloads composable calls this). */
export function noteDownloadFailed(url: string, error: IpcError): Promise<void> {
  return note(false, `Download failed: ${url} (${error.kind}: ${error.message})`);
}

export function dismissNotice(id: number) {
  notices.value = notices.value.filter((n) => n.id !== id);
}

// #region recipe:events-global
/** The shell's notices; hears `download-finished` while the caller's scope lives. */
export function useDownloadNotices() {
  useTauriEvent('downloadFinished', (url) => void note(true, `Downloaded ${url}`));
  return { notices, dismiss: dismissNotice };
}
// #endregion recipe:events-global
