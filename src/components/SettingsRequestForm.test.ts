import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { emitEvent } from '../api';
import { READY_TIMEOUT_MS } from '../composables/useSettingsRequest';
import { routerAt } from '../testing/router';
import SettingsRequestForm from './SettingsRequestForm.vue';

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});
enableAutoUnmount(afterEach);

/** Main's side: `open_settings_window` answers `opened` (or fails); every call is recorded. */
function mockMain(opened: 'created' | 'focused' | Error) {
  mockWindows('main');
  mockIPC(
    (cmd) => {
      if (cmd !== 'open_settings_window') throw new Error(`unexpected ${cmd}`);
      if (opened instanceof Error) throw { kind: 'internal', message: opened.message };
      return opened;
    },
    { shouldMockEvents: true },
  );
  const calls: { cmd: string; args: unknown }[] = [];
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (...a: unknown[]) => Promise<unknown> } })
    .__TAURI_INTERNALS__;
  const inner = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    calls.push({ cmd: cmd as string, args });
    return inner(cmd, args, options);
  };
  const names = () => calls.map((c) => c.cmd);
  return { calls, names };
}

async function ask(value: string) {
  const view = mount(SettingsRequestForm, { global: { plugins: [await routerAt('/events')] } });
  await view.get('[data-testid=request-value]').setValue(value);
  await view.get('form').trigger('submit');
  await flushPromises();
  return view;
}

const seedEmitTo = (value: string) => ({
  cmd: 'plugin:event|emit_to',
  args: {
    target: { kind: 'AnyLabel', label: 'settings' },
    event: 'settings-update-requested',
    payload: { key: 'notification', value },
  },
});

describe('SettingsRequestForm', () => {
  it('opens a new settings window, waits for its ready, then sends the seed emitTo', async () => {
    const { calls, names } = mockMain('created');
    const view = await ask('all');
    expect(names()).toEqual(['plugin:event|listen', 'open_settings_window']);
    await emitEvent('ready', { window: 'main' }); // another window's ready: still waiting
    await flushPromises();
    expect(names()).not.toContain('plugin:event|emit_to');
    await emitEvent('ready', { window: 'settings' });
    await flushPromises();
    expect(calls.at(-1)).toEqual(seedEmitTo('all'));
    expect(names().filter((n) => n === 'plugin:event|unlisten')).toHaveLength(1); // it stopped waiting
    expect(view.get('[data-testid=request-sent]').text()).toBe('Sent: notification = all');
  });

  it('sends at once to a settings window that was open already', async () => {
    const { calls, names } = mockMain('focused');
    const view = await ask('errors');
    expect(names()).toEqual([
      'plugin:event|listen',
      'open_settings_window',
      'plugin:event|unlisten',
      'plugin:event|emit_to',
    ]);
    expect(calls.at(-1)).toEqual(seedEmitTo('errors'));
    expect(view.get('[data-testid=request-sent]').text()).toBe('Sent: notification = errors');
  });

  it('gives up with a timeout when the new window never announces itself', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { names } = mockMain('created');
    const view = await ask('none');
    await vi.advanceTimersByTimeAsync(READY_TIMEOUT_MS);
    await flushPromises();
    expect(view.get('[data-testid=error-kind]').text()).toBe('timeout');
    expect(names()).not.toContain('plugin:event|emit_to');
    expect(names().filter((n) => n === 'plugin:event|unlisten')).toHaveLength(1);
  });

  it('shows a failure to open the window, sends nothing, and stops listening', async () => {
    const { names } = mockMain(new Error('no display'));
    const view = await ask('all');
    expect(view.get('[data-testid=error-kind]').text()).toBe('internal');
    expect(names()).toEqual(['plugin:event|listen', 'open_settings_window', 'plugin:event|unlisten']);
  });
});
