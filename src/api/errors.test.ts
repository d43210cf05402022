import { describe, expect, it } from 'vitest';
import { AppError, ERROR_KINDS, isIpcError, toAppError } from './errors';

describe('toAppError', () => {
  it('keeps the kind and message of every error Rust can send', () => {
    for (const kind of ERROR_KINDS) {
      const error = toAppError({ kind, message: `a ${kind} error` });
      expect(error).toBeInstanceOf(AppError);
      expect(error.kind).toBe(kind);
      expect(error.message).toBe(`a ${kind} error`);
      expect(error.toJSON()).toEqual({ kind, message: `a ${kind} error` });
    }
  });

  it('classifies the plain strings Tauri rejects with before a command runs', () => {
    expect(toAppError('greet not allowed on window "intruder"').kind).toBe('permissionDenied');
    expect(toAppError('invalid args `name` for command `greet`: invalid type').kind).toBe('invalidInput');
    expect(toAppError('command nope not found').kind).toBe('notFound');
    expect(toAppError('something else').kind).toBe('internal');
  });

  it('wraps JavaScript errors and anything else as internal', () => {
    expect(toAppError(new TypeError('x is undefined'))).toMatchObject({ kind: 'internal', message: 'x is undefined' });
    expect(toAppError(42)).toMatchObject({ kind: 'internal', message: '42' });
    const original = new AppError('busy', 'later');
    expect(toAppError(original)).toBe(original);
  });

  it('does not mistake look-alikes for the contract', () => {
    expect(isIpcError({ kind: 'weird', message: 'x' })).toBe(false);
    expect(isIpcError({ kind: 'io' })).toBe(false);
    expect(isIpcError(null)).toBe(false);
    expect(isIpcError({ kind: 'io', message: 'disk' })).toBe(true);
  });

  it('narrows on kinds', () => {
    const error = new AppError('timeout', 'slow');
    expect(error.is('timeout', 'network')).toBe(true);
    expect(error.is('cancelled')).toBe(false);
  });
});
