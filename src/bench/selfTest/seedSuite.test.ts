import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { answered, ensureLines, lines, loggedIpcError, rejectsWith, runSeed } from './seedSuite';
import { runCheck } from './checks';

afterEach(() => clearMocks());

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
const quiet = <T>(fn: () => Promise<T>) => {
  // The seeds log; keep the test output to the verdicts.
  const { log, error } = console;
  console.log = console.error = () => {};
  return fn().finally(() => Object.assign(console, { log, error }));
};

describe('running a seed snippet', () => {
  it('sees what it answers, and the call it makes verbatim', async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return 'Hello, World!';
    });
    const seen = await runSeed('greet');
    expect(calls).toEqual([{ cmd: 'greet', args: { name: 'World' } }]);
    expect((await runCheck('x', () => answered(seen, 'Hello, World!'))).passed).toBe(true);
    expect((await runCheck('x', () => answered(seen, 'Hello!'))).detail).toBe('answered "Hello, World!", not "Hello!"');
  });

  it('watches the console while it runs, and gives it back afterwards', async () => {
    const { log, error } = console;
    mockIPC(() => {
      throw { kind: 'notFound', message: 'not found: /missing' };
    });
    const seen = await quiet(() => runSeed('readMissing', (s) => s.errors.length > 0));
    expect(seen.errors).toEqual([[{ kind: 'notFound', message: 'not found: /missing' }]]);
    expect((await runCheck('x', () => loggedIpcError(seen, ['notFound', 'outsideScope']))).passed).toBe(true);
    expect((await runCheck('x', () => loggedIpcError(seen, ['outsideScope']))).detail).toBe(
      'logged notFound: not found: /missing; expected kind outsideScope',
    );
    expect(console.error).toBe(error);
    expect(console.log).toBe(log);
  });

  it('fails a read that succeeds where the seed expects a typed error', async () => {
    mockIPC(() => 'hosts file text');
    const seen = await quiet(() => runSeed('readMissing', (s) => s.errors.length > 0, 50));
    expect((await runCheck('x', () => loggedIpcError(seen, ['notFound']))).detail).toBe('logged 0 errors: []');
  });

  it('sees channel messages that trail the answer, and tells a gap from the expected lines', async () => {
    mockIPC((_, args) => {
      const { onProgress } = args as { onProgress: { id: number } };
      const values = Array.from({ length: 101 }, (_, i) => i).filter((i) => i !== 50);
      setTimeout(
        () => values.forEach((message, index) => internals().runCallback(onProgress.id, { index, message })),
        20,
      );
      return null;
    });
    const seen = await quiet(() => runSeed('streamProgress', (s) => lines(s, 'Progress:').length >= 100, 1000));
    expect(lines(seen, 'Progress:')).toHaveLength(100);
    const expected = Array.from({ length: 101 }, (_, n) => `Progress: ${n}%`);
    const check = await runCheck('x', () => ensureLines(lines(seen, 'Progress:'), expected));
    expect(check.detail).toBe('line 50 is "Progress: 51%", not "Progress: 50%" (of 100 lines)');
    expect((await runCheck('x', () => ensureLines(expected, expected))).passed).toBe(true);
  });

  it('tells a rejection of the wrong kind, and a call that should have been refused', async () => {
    const refused = Promise.reject({ kind: 'outsideScope', message: 'outside the allowed scope' });
    expect((await runCheck('x', () => rejectsWith(refused, 'outsideScope'))).passed).toBe(true);
    const wrong = await runCheck('x', () =>
      rejectsWith(Promise.reject({ kind: 'io', message: 'disk' }), 'outsideScope'),
    );
    expect(wrong.detail).toBe('rejected with io: disk; expected kind outsideScope');
    const resolved = await runCheck('x', () => rejectsWith(Promise.resolve('text'), 'outsideScope'));
    expect(resolved.detail).toBe('resolved with "text"; expected a rejection of kind outsideScope');
  });
});
