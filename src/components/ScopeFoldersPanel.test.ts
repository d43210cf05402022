import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import ScopeFoldersPanel from './ScopeFoldersPanel.vue';

afterEach(() => clearMocks());

const builtIn = { path: '/data/files', removable: false };
const picked = { path: '/home/me/notes', removable: true };

function mockScope() {
  const calls: { cmd: string; args: unknown }[] = [];
  let folders = [builtIn];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args });
    if (cmd === 'scope_folders') return folders;
    if (cmd === 'add_scope_folder') return (folders = [builtIn, picked]);
    if (cmd === 'remove_scope_folder')
      return (folders = folders.filter((f) => f.path !== (args as { path: string }).path));
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

/** Each listed folder, and whether it has a remove button. */
const rows = (view: ReturnType<typeof mount>) =>
  view.findAll('[data-testid=scope-folders] li').map((li) => [li.get('code').text(), li.find('button').exists()]);

describe('ScopeFoldersPanel', () => {
  it('lists the built-in folder without a remove button', async () => {
    mockScope();
    const view = mount(ScopeFoldersPanel);
    await flushPromises();
    expect(rows(view)).toEqual([['/data/files', false]]);
    expect(view.get('[data-testid=scope-folders]').text()).toContain("the app's own folder");
  });

  it('adds a folder only through the picker in Rust, naming no path', async () => {
    const calls = mockScope();
    const view = mount(ScopeFoldersPanel);
    await flushPromises();
    expect(view.find('input').exists()).toBe(false);
    await view.get('[data-testid=add-folder]').trigger('click');
    await flushPromises();
    expect(calls.map((c) => c.cmd)).toEqual(['scope_folders', 'add_scope_folder']);
    expect(calls[1].args).toEqual({});
    expect(rows(view)).toEqual([
      ['/data/files', false],
      ['/home/me/notes', true],
    ]);

    await view.get('[aria-label="Remove /home/me/notes"]').trigger('click');
    await flushPromises();
    expect(calls[2]).toEqual({ cmd: 'remove_scope_folder', args: { path: '/home/me/notes' } });
    expect(rows(view)).toEqual([['/data/files', false]]);
  });

  it('shows a refused pick as its typed error', async () => {
    mockIPC((cmd) => {
      if (cmd === 'scope_folders') return [builtIn];
      throw { kind: 'permissionDenied', message: 'permission denied: / can never be readable' };
    });
    const view = mount(ScopeFoldersPanel);
    await flushPromises();
    await view.get('[data-testid=add-folder]').trigger('click');
    await flushPromises();
    expect(view.get('[data-testid=error-kind]').text()).toBe('permissionDenied');
    expect(view.get('[data-testid=add-folder]').attributes('disabled')).toBeUndefined();
  });
});
