// Asks the settings window to change a preference, with the seed's
// `emitTo('settings', 'settings-update-requested', { key, value })`. The window is opened (or
// focused) first; one just created hears nothing until its page has subscribed and announced
// `ready`, so the request waits for that (listening before the window opens). The settings
// window only shows the request: the user applies it or not.
import { effectScope, ref } from 'vue';
import { useRouter } from 'vue-router';
import { AppError, emitEventTo, openSettingsWindow, windowTarget } from '../api';
import { useAttempt } from './useAttempt';
import { useTauriEvent } from './useTauriEvent';

/** How long a new settings window may take to announce `ready`. */
export const READY_TIMEOUT_MS = 10_000;

/**
 * Starts listening for `ready` from window `label`; resolves once listening, with the promise
 * of that `ready` and a way to stop waiting. Its own scope: it outlives a view that navigates away.
 */
async function listenForReady(label: string) {
  const scope = effectScope(true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(timer);
    scope.stop();
  };
  let heard: () => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    heard = resolve;
    timer = setTimeout(() => {
      stop();
      reject(new AppError('timeout', `the ${label} window did not announce ready`));
    }, READY_TIMEOUT_MS);
  });
  const sub = scope.run(() =>
    useTauriEvent('ready', (announced) => {
      if (announced.window !== label) return;
      stop();
      heard();
    }),
  )!;
  await sub.ready.catch((reason) => {
    stop();
    throw reason;
  });
  return { ready, stop };
}

export function useSettingsRequest() {
  const router = useRouter();
  const sent = ref<string>();
  const busy = ref(false);
  const { error, attempt } = useAttempt();

  // #region recipe:emit-to
  /** Opens the settings window if needed, then sends it the request. */
  async function request(key: string, value: string) {
    busy.value = true;
    sent.value = undefined;
    await attempt(async () => {
      const target = windowTarget('settings');
      const waiting = await listenForReady(target);
      try {
        const opened = await openSettingsWindow();
        if (opened === 'route') await router.push({ name: 'preferences' });
        if (opened === 'focused') waiting.stop();
        else await waiting.ready;
      } catch (reason) {
        waiting.stop();
        throw reason;
      }
      await emitEventTo('settings', 'settingsUpdateRequested', { key, value });
      sent.value = `${key} = ${value}`;
    });
    busy.value = false;
  }
  // #endregion recipe:emit-to

  return { request, sent, busy, error };
}
