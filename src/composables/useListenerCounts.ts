// The live event listener counts on both sides, refreshed every second while the caller's
// scope lives: this page's JavaScript listeners (measured in Tauri's own tables) and the app's
// own Rust listeners (counted where Rust registers and unregisters them).
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { liveJsListenerCount, rustListenerCount, toAppError, type AppError, type ListenerCount } from '../api';

export const COUNT_POLL_MS = 1000;

export function useListenerCounts() {
  const js = ref<number | null>(liveJsListenerCount());
  const rust = ref<ListenerCount[]>([]);
  const error = shallowRef<AppError | null>(null);
  const rustTotal = computed(() => rust.value.reduce((sum, c) => sum + c.count, 0));
  let disposed = false;

  async function refresh() {
    js.value = liveJsListenerCount();
    try {
      const counts = await rustListenerCount();
      if (disposed) return;
      rust.value = counts;
      error.value = null;
    } catch (reason) {
      if (!disposed) error.value = toAppError(reason);
    }
  }

  const timer = setInterval(() => void refresh(), COUNT_POLL_MS);
  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true;
      clearInterval(timer);
    });
  }
  void refresh();
  return { js, rust, rustTotal, error, refresh };
}
