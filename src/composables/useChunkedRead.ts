// Reads a large file in pieces (`readFileChunked`: a few at once, into one buffer) with its
// progress and a cancel. A newer read, a cancel, or the scope ending stops the one before: its
// requests in flight finish, no new ones start, and its result is dropped.
import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import { AppError, readFileChunked, toAppError } from '../api';

export function useChunkedRead() {
  const bytes = shallowRef<Uint8Array>();
  const done = ref(0);
  const total = ref(0);
  const busy = ref(false);
  const error = shallowRef<AppError | null>(null);
  let current: AbortController | null = null;

  // #region recipe:raw-response
  async function read(path: string, size: number): Promise<Uint8Array | undefined> {
    current?.abort();
    const controller = (current = new AbortController());
    bytes.value = undefined;
    done.value = 0;
    total.value = size;
    error.value = null;
    busy.value = true;
    try {
      const result = await readFileChunked(path, size, {
        signal: controller.signal,
        onProgress: (n) => {
          if (current === controller) done.value = n;
        },
      });
      if (current !== controller) return undefined;
      bytes.value = result;
      return result;
    } catch (reason) {
      if (current === controller) {
        error.value = controller.signal.aborted ? new AppError('cancelled', 'Reading stopped.') : toAppError(reason);
      }
      return undefined;
    } finally {
      if (current === controller) busy.value = false;
    }
  }
  // #endregion recipe:raw-response

  /** Stops the read in progress (its error is `cancelled`). */
  function cancel() {
    current?.abort();
  }

  if (getCurrentScope())
    onScopeDispose(() => {
      current?.abort();
      current = null;
    });
  return { bytes, done, total, busy, error, read, cancel };
}
