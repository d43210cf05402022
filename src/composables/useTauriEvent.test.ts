import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emitEvent } from '../api';
import { useTauriEvent, useTauriOnce } from './useTauriEvent';

afterEach(() => clearMocks());

/** A listen() whose registration we resolve by hand, and a record of unlistens. */
function controlledListen() {
  const unlistened: number[] = [];
  let resolveListen: (id: number) => void = () => {};
  mockIPC((cmd, args) => {
    if (cmd === 'plugin:event|listen') return new Promise<number>((resolve) => (resolveListen = resolve));
    if (cmd === 'plugin:event|unlisten') unlistened.push((args as { eventId: number }).eventId);
    return null;
  });
  return { unlistened, resolveListen: (id: number) => resolveListen(id) };
}

describe('useTauriEvent', () => {
  it('delivers payloads while the scope lives and stops when it is disposed', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const handler = vi.fn();
    const scope = effectScope();
    const sub = scope.run(() => useTauriEvent('backendEvent', handler))!;
    await sub.ready;
    await emitEvent('backendEvent', 'one');
    expect(handler).toHaveBeenCalledWith('one');
    scope.stop();
    await emitEvent('backendEvent', 'two');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('unlistens when the scope is disposed before listen() resolves', async () => {
    const { unlistened, resolveListen } = controlledListen();
    const scope = effectScope();
    const sub = scope.run(() => useTauriEvent('backendEvent', () => {}))!;
    scope.stop();
    expect(unlistened).toEqual([]);
    resolveListen(41);
    await sub.ready;
    await vi.waitFor(() => expect(unlistened).toEqual([41]));
  });

  it('unlistens exactly once however often it is stopped', async () => {
    const { unlistened, resolveListen } = controlledListen();
    const scope = effectScope();
    const sub = scope.run(() => useTauriEvent('frontendEvent', () => {}))!;
    resolveListen(7);
    await sub.ready;
    sub.stop();
    scope.stop();
    sub.stop();
    await vi.waitFor(() => expect(unlistened).toEqual([7]));
  });

  it('reports a failed registration through ready', async () => {
    mockIPC(() => {
      throw 'event.listen not allowed';
    });
    const scope = effectScope();
    const sub = scope.run(() => useTauriEvent('backendEvent', () => {}))!;
    await expect(sub.ready).rejects.toBe('event.listen not allowed');
    scope.stop();
  });
});

describe('useTauriOnce', () => {
  it('fires for the first event only', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const handler = vi.fn();
    const scope = effectScope();
    const sub = scope.run(() => useTauriOnce('ready', handler))!;
    await sub.ready;
    await emitEvent('ready', { window: 'main' });
    await emitEvent('ready', { window: 'settings' });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ window: 'main' });
    scope.stop();
  });
});
