import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import {
  EVENT_CATALOG,
  EVENT_NAMES,
  emitEventTo,
  emitWindowSpecific,
  listenEvent,
  onceEvent,
  liveJsListenerCount,
  windowTarget,
} from './events';
import { runMode } from './bench';
import { currentPlatform, isMobile, rememberPlatform } from './platform';

type Tables = {
  __TAURI_INTERNALS__: { callbacks?: unknown };
  __internal_unstable_listeners_function_id__?: unknown;
  __internal_unstable_listeners_object_id__?: unknown;
};
const tauri = () => window as unknown as Tables;

afterEach(() => {
  clearMocks();
  delete tauri().__internal_unstable_listeners_function_id__;
  delete tauri().__internal_unstable_listeners_object_id__;
});

/** Tauri's listener table as its listen_js_script builds it: non-enumerable, per event, per id. */
function defineTable(entries: Record<string, Record<string, number>>) {
  const table = Object.create(null) as Record<string, unknown>;
  for (const [event, ids] of Object.entries(entries)) {
    const listeners = Object.create(null) as Record<string, unknown>;
    for (const [id, handlerId] of Object.entries(ids)) {
      Object.defineProperty(listeners, id, { value: { target: { kind: 'Any' }, handlerId }, configurable: true });
    }
    Object.defineProperty(table, event, { value: listeners });
  }
  Object.defineProperty(window, '__internal_unstable_listeners_object_id__', { value: table, configurable: true });
  Object.defineProperty(window, '__internal_unstable_listeners_function_id__', { value: () => {}, configurable: true });
}

describe('liveJsListenerCount', () => {
  it('counts the table entries whose handler is still registered', () => {
    mockIPC(() => null);
    const callbacks = tauri().__TAURI_INTERNALS__.callbacks as Map<number, unknown>;
    callbacks.set(11, () => {});
    callbacks.set(12, () => {});
    callbacks.set(99, () => {}); // an invoke's callback: not a listener
    // 13 was unlistened: Tauri keeps the entry but unregisters the handler.
    defineTable({ 'backend-event': { 0: 11, 1: 13 }, ready: { 2: 12 } });
    expect(liveJsListenerCount()).toBe(2);
    callbacks.delete(12);
    expect(liveJsListenerCount()).toBe(1);
  });

  it('is 0 on a Tauri page that never listened, and null without Tauri internals', () => {
    mockIPC(() => null);
    expect(liveJsListenerCount()).toBeNull(); // the IPC mocks define no listener table
    Object.defineProperty(window, '__internal_unstable_listeners_function_id__', {
      value: () => {},
      configurable: true,
    });
    expect(liveJsListenerCount()).toBe(0);
    clearMocks();
    expect(liveJsListenerCount()).toBeNull();
  });
});

/** Rust's `run_mode` answer on `platform`, asked once; what the page then takes `emitTo('settings')` to aim at. */
async function targetOn(platform: 'ios' | 'macos' | 'android' | 'linux', mobile: boolean) {
  mockWindows('main');
  const targets: unknown[] = [];
  mockIPC((cmd, args) => {
    if (cmd === 'run_mode')
      return { suite: null, quick: false, transport: 'customProtocol', pattern: 'brownfield', platform, mobile };
    targets.push((args as { target: unknown }).target);
    return null;
  });
  await runMode();
  await emitEventTo('settings', 'settingsUpdateRequested', { key: 'notification', value: 'all' });
  return [currentPlatform(), isMobile(), windowTarget('settings'), targets];
}

describe('window targets', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    rememberPlatform({ platform: 'linux', mobile: false });
  });

  it('fall back to main where Rust says the platform is mobile, whatever the user agent says', async () => {
    // An iPad's WebView says "Macintosh", as a Mac's does: only Rust's answer tells them apart.
    const ipadOrMac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
    vi.stubGlobal('navigator', { ...navigator, userAgent: ipadOrMac });
    const main = { kind: 'AnyLabel', label: 'main' };
    const settings = { kind: 'AnyLabel', label: 'settings' };
    expect(await targetOn('ios', true)).toEqual(['ios', true, 'main', [main]]);
    expect(await targetOn('macos', false)).toEqual(['macos', false, 'settings', [settings]]);
    // And an Android user agent on a desktop build is still the desktop.
    vi.stubGlobal('navigator', { ...navigator, userAgent: 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36' });
    expect(await targetOn('linux', false)).toEqual(['linux', false, 'settings', [settings]]);
    expect(await targetOn('android', true)).toEqual(['android', true, 'main', [main]]);
  });

  it('are the label itself on the desktop and main on mobile', () => {
    expect(windowTarget('settings', false)).toBe('settings');
    expect(windowTarget('settings', true)).toBe('main');
    expect(windowTarget('main', true)).toBe('main');
  });

  it('send the seed payloads to the seed targets', async () => {
    mockWindows('main');
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return null;
    });
    await emitEventTo('settings', 'settingsUpdateRequested', { key: 'notification', value: 'all' });
    await emitWindowSpecific('value');
    expect(calls).toEqual([
      {
        cmd: 'plugin:event|emit_to',
        args: {
          target: { kind: 'AnyLabel', label: 'settings' },
          event: 'settings-update-requested',
          payload: { key: 'notification', value: 'all' },
        },
      },
      { cmd: 'plugin:event|emit', args: { event: 'window-specific-event', payload: { data: 'value' } } },
    ]);
  });

  it('listen with the target each scope names', async () => {
    mockWindows('main');
    const targets: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'plugin:event|listen') targets.push((args as { target: unknown }).target);
      return 1;
    });
    await listenEvent('backendEvent', () => {});
    await listenEvent('responseEvent', () => {}, 'window');
    await listenEvent('openFile', () => {}, 'webviewWindow');
    expect(targets).toEqual([
      { kind: 'Any' },
      { kind: 'Window', label: 'main' },
      { kind: 'WebviewWindow', label: 'main' },
    ]);
  });
});

describe('listenEvent', () => {
  /** Rust's side of listen/unlisten, with event ids of its own (not the handler ids). */
  function mockListen() {
    const calls: { cmd: string; args: unknown }[] = [];
    let handler = 0;
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'plugin:event|listen') handler = (args as { handler: number }).handler;
      return cmd === 'plugin:event|listen' ? 7 : null;
    });
    const callbacks = tauri().__TAURI_INTERNALS__.callbacks as Map<number, unknown>;
    const deliver = (payload: unknown) =>
      (
        window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void } }
      ).__TAURI_INTERNALS__.runCallback(handler, { event: 'backend-event', id: 7, payload });
    return { calls, callbacks, deliver };
  }

  it('drops its handler on unlisten even before Tauri has written its listener entry', async () => {
    const { calls, callbacks, deliver } = mockListen();
    const before = callbacks.size;
    const heard: unknown[] = [];
    const unlisten = await listenEvent('backendEvent', (p) => heard.push(p));
    expect(callbacks.size).toBe(before + 1);
    deliver('one');
    unlisten();
    unlisten();
    expect(callbacks.size).toBe(before);
    expect(heard).toEqual(['one']);
    await Promise.resolve();
    expect(calls).toEqual([
      {
        cmd: 'plugin:event|listen',
        args: { event: 'backend-event', target: { kind: 'Any' }, handler: expect.any(Number) as number },
      },
      { cmd: 'plugin:event|unlisten', args: { event: 'backend-event', eventId: 7 } },
    ]);
  });

  it('once: hears one event, then unlistens itself', async () => {
    const { calls, callbacks, deliver } = mockListen();
    const before = callbacks.size;
    const heard: unknown[] = [];
    await onceEvent('backendEvent', (p) => heard.push(p));
    deliver('one');
    expect(callbacks.size).toBe(before);
    expect(heard).toEqual(['one']);
    expect(calls.map((c) => c.cmd)).toEqual(['plugin:event|listen', 'plugin:event|unlisten']);
  });

  it('drops its handler when Rust refuses the listen', async () => {
    mockIPC(() => {
      throw 'plugin:event|listen not allowed';
    });
    const callbacks = tauri().__TAURI_INTERNALS__.callbacks as Map<number, unknown>;
    const before = callbacks.size;
    await expect(listenEvent('backendEvent', () => {})).rejects.toBe('plugin:event|listen not allowed');
    expect(callbacks.size).toBe(before);
  });
});

describe('EVENT_CATALOG', () => {
  it('names every event by its wire name, and aims the targeted ones at windows', () => {
    expect(EVENT_NAMES).toHaveLength(17);
    for (const name of EVENT_NAMES) {
      const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(EVENT_CATALOG[name].wire).toBe(kebab);
    }
    const scoped = EVENT_NAMES.filter((name) => EVENT_CATALOG[name].scope !== 'any');
    expect(scoped).toEqual(['loginResult', 'openFile', 'responseEvent', 'settingsUpdateRequested']);
  });
});
