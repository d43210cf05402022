import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { emitEvent } from '../api';
import SettingsWindow from './SettingsWindow.vue';

afterEach(() => clearMocks());
enableAutoUnmount(afterEach);

type Call = { cmd: string; args: unknown };

/** The settings window's Rust side: the preferences (validated like Rust) and the folders. */
function mockSettings() {
  mockWindows('settings');
  const calls: Call[] = [];
  let notification = 'all';
  let downloadQuotaMib = 2048;
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'preferences') return { notification, downloadQuotaMib };
      if (cmd === 'set_preference') {
        const { key, value } = args as { key: string; value: string };
        if (key === 'downloadQuotaMib') {
          if (!/^\d{1,7}$/.test(value) || +value < 1 || +value > 1048576) {
            throw { kind: 'invalidInput', message: `invalid input: downloadQuotaMib must be a whole number of MiB` };
          }
          downloadQuotaMib = +value;
        } else if (key === 'notification') notification = value;
        else throw { kind: 'invalidInput', message: `invalid input: unknown preference "${key}"` };
        return { notification, downloadQuotaMib };
      }
      if (cmd === 'scope_folders') return [{ path: '/data/files', removable: false }];
      if (cmd === 'local_networks') return ['192.168.1.0/24'];
      if (cmd === 'close_window') return null;
      throw new Error(`unexpected ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  const events: unknown[] = [];
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (...a: unknown[]) => Promise<unknown> } })
    .__TAURI_INTERNALS__;
  const inner = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    if (typeof cmd === 'string' && cmd.startsWith('plugin:event|'))
      events.push([cmd, (args as { event: string }).event]);
    return inner(cmd, args, options);
  };
  return { calls, events };
}

const request = (key: string, value: string) => emitEvent('settingsUpdateRequested', { key, value });

describe('SettingsWindow', () => {
  it('subscribes to requests before it announces ready, and shows the preferences and folders', async () => {
    const { events } = mockSettings();
    const view = mount(SettingsWindow);
    await flushPromises();
    expect(events).toEqual([
      ['plugin:event|listen', 'settings-update-requested'],
      ['plugin:event|emit', 'ready'],
    ]);
    expect(view.get<HTMLSelectElement>('[data-testid=pref-notification]').element.value).toBe('all');
    expect(view.get('[data-testid=scope-folders]').text()).toContain('/data/files');
  });

  it('changes the preference from its control', async () => {
    const { calls } = mockSettings();
    const view = mount(SettingsWindow);
    await flushPromises();
    await view.get('[data-testid=pref-notification]').setValue('errors');
    await flushPromises();
    expect(calls.filter((c) => c.cmd === 'set_preference')).toEqual([
      { cmd: 'set_preference', args: { key: 'notification', value: 'errors' } },
    ]);
    expect(view.get<HTMLSelectElement>('[data-testid=pref-notification]').element.value).toBe('errors');
  });

  it('shows a request and applies it only when the user says so', async () => {
    const { calls } = mockSettings();
    const view = mount(SettingsWindow);
    await flushPromises();
    await request('notification', 'none');
    await flushPromises();
    expect(view.get('[data-testid=settings-request]').text()).toContain('main asks: notification = none');
    expect(calls.some((c) => c.cmd === 'set_preference')).toBe(false);

    await view.get('[data-testid=request-apply]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => c.cmd === 'set_preference').map((c) => c.args)).toEqual([
      { key: 'notification', value: 'none' },
    ]);
    expect(view.get('[data-testid=request-applied]').text()).toBe('Applied notification = none.');
    expect(view.find('[data-testid=settings-request]').exists()).toBe(false);
    expect(view.get<HTMLSelectElement>('[data-testid=pref-notification]').element.value).toBe('none');
  });

  it('dismisses a request without applying it, and shows a refused one as its error', async () => {
    const { calls } = mockSettings();
    const view = mount(SettingsWindow);
    await flushPromises();
    await request('notification', 'errors');
    await flushPromises();
    await view.get('[data-testid=request-dismiss]').trigger('click');
    expect(view.find('[data-testid=settings-request]').exists()).toBe(false);
    expect(calls.some((c) => c.cmd === 'set_preference')).toBe(false);

    await request('theme', 'dark');
    await flushPromises();
    await view.get('[data-testid=request-apply]').trigger('click');
    await flushPromises();
    expect(view.get('[data-testid=error-kind]').text()).toBe('invalidInput');
    expect(view.find('[data-testid=settings-request]').exists()).toBe(true);
  });

  it('closes itself through close_window', async () => {
    const { calls } = mockSettings();
    const view = mount(SettingsWindow);
    await flushPromises();
    await view.get('[data-testid=close-window]').trigger('click');
    await flushPromises();
    expect(calls.map((c) => c.cmd)).toContain('close_window');
  });

  it('shows the downloads quota and saves a new one in whole MiB; Rust refuses a bad one', async () => {
    const { calls } = mockSettings();
    const view = mount(SettingsWindow);
    await flushPromises();
    const input = view.get<HTMLInputElement>('[data-testid=pref-quota]');
    expect(input.element.value).toBe('2048');
    expect(view.get('label[for=pref-quota]').text()).toBe('Downloads quota (MiB)');
    expect(view.get('[data-testid=pref-quota-hint]').text()).toContain('2.0 GiB.');
    await input.setValue('5120');
    expect(view.get('[data-testid=pref-quota-hint]').text()).toContain('5.0 GiB.');
    await view.get('[data-testid=pref-quota-form]').trigger('submit');
    await flushPromises();
    expect(calls.filter((c) => c.cmd === 'set_preference')).toEqual([
      { cmd: 'set_preference', args: { key: 'downloadQuotaMib', value: '5120' } },
    ]);
    expect(view.get('[data-testid=pref-quota-saved]').text()).toBe('Saved: 5120 MiB.');

    await input.setValue('0');
    await view.get('[data-testid=pref-quota-form]').trigger('submit');
    await flushPromises();
    expect(view.get('[data-testid=error-kind]').text()).toBe('invalidInput');
    expect(view.find('[data-testid=pref-quota-saved]').exists()).toBe(false);
  });

  it('lists the allowed local networks', async () => {
    mockSettings();
    const view = mount(SettingsWindow);
    await flushPromises();
    expect(view.get('[data-testid=local-networks]').text()).toContain('192.168.1.0/24');
  });
});
