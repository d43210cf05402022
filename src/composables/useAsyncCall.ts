// State for one kind of call into Rust: its last value, its AppError, and whether it is busy.
// When calls overlap, only the latest one's outcome is kept.
import { getCurrentScope, onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { toAppError, type AppError } from '../api';

export interface AsyncCall<A extends unknown[], T> {
  value: Ref<T | undefined>;
  error: ShallowRef<AppError | null>;
  busy: Ref<boolean>;
  /** Runs the call; resolves with the value, or `undefined` on failure or when superseded. */
  run: (...args: A) => Promise<T | undefined>;
}

// #region recipe:commands
export function useAsyncCall<A extends unknown[], T>(fn: (...args: A) => Promise<T>): AsyncCall<A, T> {
  const value = ref<T>();
  const error = shallowRef<AppError | null>(null);
  const busy = ref(false);
  let latest = 0;
  let disposed = false;
  if (getCurrentScope()) onScopeDispose(() => (disposed = true));

  async function run(...args: A): Promise<T | undefined> {
    const id = ++latest;
    busy.value = true;
    error.value = null;
    try {
      const result = await fn(...args);
      if (id !== latest || disposed) return undefined;
      value.value = result;
      return result;
    } catch (reason) {
      if (id === latest && !disposed) {
        value.value = undefined;
        error.value = toAppError(reason);
      }
      return undefined;
    } finally {
      if (id === latest && !disposed) busy.value = false;
    }
  }

  return { value, error, busy, run };
}
// #endregion recipe:commands
