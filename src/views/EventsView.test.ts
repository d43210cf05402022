import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { EVENT_NAMES, emitEvent } from '../api';
import { LOG_CAP } from '../composables/useEventLog';
import { routerAt } from '../testing/router';
import EventsView from './EventsView.vue';

// Hooks run last-registered first: views unmount (and unlisten) before the mocks go.
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});
enableAutoUnmount(afterEach);

type Call = { cmd: string; args: unknown };
type Internals = {
  invoke: (cmd: string, args: unknown, options?: unknown) => Promise<unknown>;
  callbacks: Map<number, unknown>;
};
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

const rustCounts = [
  { event: 'frontend-event', count: 1 },
  { event: 'window-specific-event', count: 2 },
];

/**
 * The IPC mocks with events, a Rust side answering the Events view's commands, and every call
 * recorded (the mocks handle `plugin:event|*` before the handler sees it, so record on the way in).
 */
function mockRust() {
  mockWindows('main');
  mockIPC(
    (cmd) => {
      if (cmd === 'rust_listener_count') return rustCounts;
      if (cmd === 'broadcast') return null;
      throw new Error(`unexpected ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  const calls: Call[] = [];
  const inner = internals().invoke;
  internals().invoke = (cmd, args, options) => {
    calls.push({ cmd, args });
    return inner(cmd, args, options);
  };
  return calls;
}

/** The view with the app's real router (its settings request form may go to a route). */
const routed = async () => ({ global: { plugins: [await routerAt('/events')] } });

const count = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).length;

describe('EventsView', () => {
  it('leaves the listener count where it started after 1,000 mounts and unmounts', async () => {
    const calls = mockRust();
    const before = internals().callbacks.size;
    const options = await routed();
    for (let i = 0; i < 1000; i++) {
      const view = mount(EventsView, options);
      // Half the time it goes before its listen() calls have resolved.
      if (i % 2) await flushPromises();
      view.unmount();
    }
    await flushPromises();
    const listens = count(calls, 'plugin:event|listen');
    expect(listens).toBe(1000 * EVENT_NAMES.length);
    expect(count(calls, 'plugin:event|unlisten')).toBe(listens);
    // Each listener unlistened once (the mocks answer a listen with its handler id as event id).
    const ids = (cmd: string, key: 'handler' | 'eventId') =>
      calls
        .filter((c) => c.cmd === cmd)
        .map((c) => (c.args as Record<typeof key, number>)[key])
        .sort((a, b) => a - b);
    expect(ids('plugin:event|unlisten', 'eventId')).toEqual(ids('plugin:event|listen', 'handler'));
    expect(internals().callbacks.size).toBe(before);
  }, 120_000);

  it('logs every event it hears, newest first, with where it comes from and goes, capped', async () => {
    mockRust();
    const view = mount(EventsView, await routed());
    await flushPromises();
    await emitEvent('backendEvent', 'from Rust');
    await emitEvent('userLoggedIn', 'alice');
    await flushPromises();
    const rows = view.findAll('[data-testid=events-log] li');
    expect(rows.map((r) => r.attributes('data-event'))).toEqual(['user-logged-in', 'backend-event']);
    expect(rows[0].text()).toContain('JS → JS (all)');
    expect(rows[0].get('.payload').text()).toBe('"alice"');
    expect(rows[1].text()).toContain('Rust → all');
    expect(rows[0].get('.time').text()).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);

    for (let i = 0; i < LOG_CAP + 5; i++) await emitEvent('downloadProgress', i);
    await flushPromises();
    const capped = view.findAll('[data-testid=events-log] li');
    expect(capped).toHaveLength(LOG_CAP);
    expect(capped[0].get('.payload').text()).toBe(String(LOG_CAP + 4));
  });

  it('lists every event in the catalog', async () => {
    mockRust();
    const view = mount(EventsView, await routed());
    const names = view.findAll('[data-testid=event-catalog] tbody th').map((th) => th.text());
    expect(names).toHaveLength(EVENT_NAMES.length);
    expect(names).toContain('settings-update-requested');
    expect(names).toContain('open-file');
  });

  it('fires each JS event and asks Rust for a backend-event', async () => {
    const calls = mockRust();
    const view = mount(EventsView, { ...(await routed()), attachTo: document.body });
    await flushPromises();
    const emitted = () =>
      calls.filter((c) => c.cmd === 'plugin:event|emit' || c.cmd === 'broadcast').map((c) => c.args);
    for (const id of [
      'fire-frontend-event',
      'fire-user-logged-in',
      'fire-file-selected',
      'fire-window-specific-event',
      'fire-backend-event',
      'fire-ready',
    ]) {
      await view.get(`[data-testid=${id}]`).trigger('click');
      await flushPromises();
    }
    expect(emitted()).toEqual([
      { event: 'frontend-event', payload: 'Hello from the frontend' },
      { event: 'user-logged-in', payload: 'alice' },
      { event: 'file-selected', payload: '/path/to/file' },
      { event: 'window-specific-event', payload: { data: 'value' } },
      { message: 'Hello from Rust' },
      { event: 'ready', payload: { window: 'main' } },
    ]);
  });

  it('shows the Rust listener count and refreshes it every second', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const calls = mockRust();
    const view = mount(EventsView, await routed());
    await flushPromises();
    expect(view.get('[data-testid=rust-listener-count]').text()).toBe('3');
    expect(view.get('[data-testid=rust-listeners]').text()).toContain('window-specific-event × 2');
    // The IPC mocks have no Tauri listener table: the JS count says it cannot be measured.
    expect(view.get('[data-testid=js-listener-count]').text()).toContain('unknown');
    const polls = count(calls, 'rust_listener_count');
    await vi.advanceTimersByTimeAsync(3000);
    expect(count(calls, 'rust_listener_count')).toBe(polls + 3);
    view.unmount();
    await vi.advanceTimersByTimeAsync(3000);
    expect(count(calls, 'rust_listener_count')).toBe(polls + 3);
  });
});
