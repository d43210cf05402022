import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { RouterView } from 'vue-router';
import { routerAt } from '../testing/router';

afterEach(() => clearMocks());
enableAutoUnmount(afterEach);

describe('SettingsView', () => {
  it('shows the folders and the preference main reads, and opens the settings window', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'scope_folders') return [{ path: '/data/files', removable: false }];
      if (cmd === 'preferences') return { notification: 'errors' };
      if (cmd === 'open_settings_window') return 'created';
      throw new Error(`unexpected ${cmd}`);
    });
    const view = mount(RouterView, { global: { plugins: [await routerAt('/settings')] } });
    await flushPromises();
    expect(view.get('[data-testid=scope-folders]').text()).toContain('/data/files');
    expect(view.get('[data-testid=current-notification]').text()).toBe('Download notices: errors');
    await view.get('[data-testid=open-settings-window]').trigger('click');
    await flushPromises();
    expect(calls.sort()).toEqual(['open_settings_window', 'preferences', 'scope_folders']);
    expect(view.find('[data-testid=error]').exists()).toBe(false);
  });
});
