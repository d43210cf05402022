import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import {
  answered,
  ensureLines,
  ensureRustHeard,
  eventApiCheck,
  lines,
  loggedIpcError,
  readMissingCheck,
  REQUEST_MARKER,
  rejectsWith,
  runSeed,
  rustHeard,
  SEED_REQUEST,
} from './seedSuite';
import { runCheck } from './checks';

afterEach(() => clearMocks());

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
/** How long the event checks wait here for what does not come. */
const WAIT_MS = 200;
const eventApi = () => eventApiCheck(WAIT_MS);
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

describe('the seed read of /missing', () => {
  it('passes only on outsideScope: a notFound would tell that /missing does not exist', async () => {
    mockIPC(() => {
      throw { kind: 'outsideScope', message: 'outside the allowed scope: /missing' };
    });
    expect((await quiet(() => runCheck('x', readMissingCheck))).passed).toBe(true);
    clearMocks();
    mockIPC(() => {
      throw { kind: 'notFound', message: 'not found: /missing' };
    });
    const check = await quiet(() => runCheck('x', readMissingCheck));
    expect(check).toMatchObject({
      passed: false,
      detail: 'logged notFound: not found: /missing; expected kind outsideScope',
    });
  });
});

type Target = { kind: string; label?: string };
type Emitted = { event: string; payload: unknown; target?: Target };

/**
 * Tauri's event routing, on `mockIPC`: listeners with their targets; `emit` reaches every
 * listener, `emitTo` a label only the listeners aimed at that label (`EventTarget::AnyLabel`);
 * the app's Rust listeners for `file-selected` and `frontend-event` count what they hear in
 * `rust_listener_count`. `spoil` breaks one part, as a broken app would.
 */
function eventSide(spoil: { rustDeaf?: boolean; emitTo?: 'nowhere' | 'everywhere' } = {}) {
  const listeners = new Map<number, { event: string; target: Target; handler: number }>();
  const heard: Record<string, number> = { 'file-selected': 4, 'frontend-event': 2 };
  let nextId = 1;
  const deliver = ({ event, payload }: Emitted, reaches: (target: Target) => boolean) => {
    for (const [id, listener] of listeners) {
      if (listener.event === event && (listener.target.kind === 'Any' || reaches(listener.target))) {
        internals().runCallback(listener.handler, { event, id, payload });
      }
    }
  };
  mockIPC((cmd, args) => {
    const a = args as Emitted & { handler: number; eventId: number };
    switch (cmd) {
      case 'plugin:event|listen':
        listeners.set(nextId, { event: a.event, target: a.target!, handler: a.handler });
        return nextId++;
      case 'plugin:event|unlisten':
        return listeners.delete(a.eventId) && null;
      case 'plugin:event|emit':
        if (a.event in heard && !spoil.rustDeaf) heard[a.event]++;
        return deliver(a, () => true) ?? null;
      case 'plugin:event|emit_to':
        if (spoil.emitTo === 'nowhere') return null;
        return deliver(a, (t) => spoil.emitTo === 'everywhere' || t.label === a.target!.label) ?? null;
      case 'rust_listener_count':
        return Object.entries(heard).map(([event, n]) => ({ event, count: 1, heard: n }));
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return { listeners };
}

describe("the seed's listen, once, emit and emitTo", () => {
  beforeEach(() => mockWindows('main'));

  it('pass when Rust hears file-selected and the emitTo reaches the settings window alone', async () => {
    const side = eventSide();
    expect(await quiet(() => runCheck('x', eventApi))).toEqual({ name: 'x', passed: true });
    // Its own listeners are gone again (the seed's once('ready') waits for a ready).
    expect([...side.listeners.values()].map((l) => l.event)).toEqual(['ready']);
    expect(SEED_REQUEST).toEqual({ key: 'notification', value: 'all' });
  });

  it('fail when Rust never heard file-selected, though every call resolved', async () => {
    eventSide({ rustDeaf: true });
    const check = await quiet(() => runCheck('x', eventApi));
    expect(check).toMatchObject({ passed: false, detail: "Rust's listeners for file-selected ran 0 times, not 1" });
  });

  it('fail when the emitTo reached nobody', async () => {
    eventSide({ emitTo: 'nowhere' });
    const check = await quiet(() => runCheck('x', eventApi));
    expect(check).toMatchObject({ passed: false, detail: 'aimed at settings, heard []' });
  });

  it('fail when the emitTo reached this window too', async () => {
    eventSide({ emitTo: 'everywhere' });
    const check = await quiet(() => runCheck('x', eventApi));
    expect(check.passed).toBe(false);
    expect(check.detail).toBe(`aimed at settings, heard ${JSON.stringify([SEED_REQUEST, REQUEST_MARKER])}`);
  });

  it('reads what Rust heard, and waits for it', async () => {
    eventSide();
    expect(await rustHeard('frontend-event')).toBe(2);
    expect(await rustHeard('no-such-event')).toBe(0);
    expect((await runCheck('x', () => ensureRustHeard('frontend-event', 1))).passed).toBe(true);
    const twice = await runCheck('x', () => ensureRustHeard('frontend-event', 0, 1, WAIT_MS));
    expect(twice.detail).toBe("Rust's listeners for frontend-event ran 2 times, not 1");
    const never = await runCheck('x', () => ensureRustHeard('frontend-event', 2, 1, WAIT_MS));
    expect(never.detail).toBe("Rust's listeners for frontend-event ran 0 times, not 1");
  });
});
