import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emitEvent } from '../api';
import LoginWindow from './LoginWindow.vue';

afterEach(() => clearMocks());

describe('LoginWindow', () => {
  it('lists every login-result it hears, newest first', async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const view = mount(LoginWindow);
    await flushPromises();
    await emitEvent('loginResult', { ok: false, user: null, window: 'login' });
    await emitEvent('loginResult', { ok: true, user: 'tauri', window: 'main' });
    await flushPromises();
    const items = view.findAll('[data-testid=login-results] li').map((li) => li.text());
    expect(items).toEqual(['tauri signed in (from main)', 'sign-in failed (from login)']);
  });

  it('closes only itself, through close_window', async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      return null;
    });
    const view = mount(LoginWindow);
    await view.get('[data-testid=close-window]').trigger('click');
    await flushPromises();
    expect(calls.filter((c) => !c.cmd.startsWith('plugin:event'))).toEqual([{ cmd: 'close_window', args: {} }]);
  });
});
