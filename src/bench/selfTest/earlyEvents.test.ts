import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  earlyEventsSuite,
  handshakeBackend,
  HANDSHAKE_EVAL,
  HANDSHAKE_WAIT_MS,
  type HandshakeView,
} from './earlyEvents';

afterEach(() => vi.useRealTimers());

describe('early events', () => {
  it('pass when the handshake answers arrived', async () => {
    const view: HandshakeView = {
      ready: true,
      backendMessage: 'Rust saw window main get ready',
      evalMessage: 'hello from Rust',
    };
    const suite = await earlyEventsSuite(() => view, 'main');
    expect(suite).toMatchObject({ id: 'earlyEvents', title: 'Early events' });
    expect(suite.checks.map((c) => c.passed)).toEqual([true, true, true]);
    expect(handshakeBackend('main')).toBe(view.backendMessage);
    expect(HANDSHAKE_EVAL).toBe(view.evalMessage);
  });

  it('wait for answers still on their way', async () => {
    const view: HandshakeView = { ready: true };
    setTimeout(
      () => Object.assign(view, { backendMessage: handshakeBackend('main'), evalMessage: HANDSHAKE_EVAL }),
      100,
    );
    const suite = await earlyEventsSuite(() => ({ ...view }), 'main');
    expect(suite.checks.every((c) => c.passed)).toBe(true);
  });

  it('fail on an answer that never came or is not the handshake', async () => {
    vi.useFakeTimers();
    const done = earlyEventsSuite(
      () => ({ ready: false, backendMessage: 'Rust saw window settings get ready' }),
      'main',
    );
    await vi.advanceTimersByTimeAsync(HANDSHAKE_WAIT_MS + 100);
    const suite = await done;
    expect(suite.checks.map((c) => [c.passed, c.detail])).toEqual([
      [false, 'nothing arrived in 10 s'],
      [false, 'heard "Rust saw window settings get ready"'],
      [false, 'nothing arrived in 10 s'],
    ]);
  });
});
