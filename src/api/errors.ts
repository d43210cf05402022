// The frontend half of the error contract: every failure of a call into Rust becomes an
// AppError with the same { kind, message } the Rust `Error` serializes to.
import type { ErrorKind, IpcError } from '../../gen/bindings';

export type { ErrorKind, IpcError };

/** Every kind Rust can send: `satisfies` makes this fail to compile when Rust adds one. */
const KINDS = {
  notFound: true,
  permissionDenied: true,
  invalidInput: true,
  notUtf8: true,
  tooLarge: true,
  quotaExceeded: true,
  diskFull: true,
  outsideScope: true,
  network: true,
  http: true,
  timeout: true,
  cancelled: true,
  unauthorized: true,
  busy: true,
  io: true,
  internal: true,
} as const satisfies Record<ErrorKind, true>;

/** Every kind Rust can send, in one place for narrowing and validation. */
export const ERROR_KINDS = Object.keys(KINDS) as readonly ErrorKind[];

// #region recipe:typed-errors
export class AppError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
  }

  /** True when this error is of one of the given kinds (narrow on the kind, not the text). */
  is(...kinds: ErrorKind[]): boolean {
    return kinds.includes(this.kind);
  }

  toJSON(): IpcError {
    return { kind: this.kind, message: this.message };
  }
}

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, message } = value as Record<string, unknown>;
  return typeof message === 'string' && ERROR_KINDS.includes(kind as ErrorKind);
}
// #endregion recipe:typed-errors

// #region recipe:typed-errors
/**
 * Tauri itself rejects with plain strings (ACL refusals, bad arguments, unknown commands)
 * before any command runs; classify them into the same contract.
 */
function classifyFrameworkMessage(message: string): ErrorKind {
  if (/not allowed/i.test(message)) return 'permissionDenied';
  if (/invalid args|missing required key|invalid type/i.test(message)) return 'invalidInput';
  if (/command \S+ not found/i.test(message)) return 'notFound';
  return 'internal';
}

/** Turns whatever a call rejected with into an AppError. */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  if (isIpcError(reason)) return new AppError(reason.kind, reason.message);
  if (typeof reason === 'string') return new AppError(classifyFrameworkMessage(reason), reason);
  if (reason instanceof Error) return new AppError('internal', reason.message);
  return new AppError('internal', String(reason));
}
// #endregion recipe:typed-errors
