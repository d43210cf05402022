// Awaits a generated command call and normalizes every failure to an AppError.
import { toAppError, type IpcError } from './errors';

// #region recipe:typed-errors
type Typed<T> = { status: 'ok'; data: T } | { status: 'error'; error: IpcError };

/** Awaits a generated call (plain or typed-result) and normalizes failures to AppError. */
export async function call<T>(pending: Promise<Typed<T>>): Promise<T>;
export async function call<T>(pending: Promise<T>): Promise<T>;
export async function call<T>(pending: Promise<T | Typed<T>>): Promise<T> {
  let result: T | Typed<T>;
  try {
    result = await pending;
  } catch (reason) {
    throw toAppError(reason);
  }
  if (isTyped<T>(result)) {
    if (result.status === 'ok') return result.data;
    throw toAppError(result.error);
  }
  return result;
}
// #endregion recipe:typed-errors

function isTyped<T>(value: unknown): value is Typed<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    ((value.status === 'ok' && 'data' in value) || (value.status === 'error' && 'error' in value))
  );
}
