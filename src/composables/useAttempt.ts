// One place for "run this call, show its AppError": `attempt(run)` clears the error, awaits,
// and stores any failure as an AppError (resolving with `undefined` then).
import { shallowRef } from 'vue';
import { toAppError, type AppError } from '../api';

export function useAttempt() {
  const error = shallowRef<AppError | null>(null);

  async function attempt<T>(run: () => Promise<T>): Promise<T | undefined> {
    error.value = null;
    try {
      return await run();
    } catch (reason) {
      error.value = toAppError(reason);
      return undefined;
    }
  }

  return { error, attempt };
}
