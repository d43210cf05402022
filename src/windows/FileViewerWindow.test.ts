import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { emitEvent } from '../api';
import FileViewerWindow from './FileViewerWindow.vue';

afterEach(() => clearMocks());
enableAutoUnmount(afterEach);

/** The viewer's Rust side: two files it may read, and every call and event recorded in order. */
function mockViewer() {
  mockWindows('file-viewer');
  const log: string[] = [];
  mockIPC(
    (cmd, args) => {
      const path = (args as { path?: string }).path;
      log.push(path ? `${cmd} ${path}` : cmd);
      if (cmd === 'file_info' && path === '/data/a.txt') return { path, name: 'a.txt', size: 5, mime: 'text/plain' };
      if (cmd === 'read_file' && path === '/data/a.txt') return 'alpha';
      if (cmd === 'file_info') throw { kind: 'outsideScope', message: `outside the allowed scope: ${path}` };
      if (cmd === 'close_window') return null;
      throw new Error(`unexpected ${cmd}`);
    },
    { shouldMockEvents: true },
  );
  const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (...a: unknown[]) => Promise<unknown> } })
    .__TAURI_INTERNALS__;
  const inner = internals.invoke;
  internals.invoke = (cmd, args, options) => {
    if (typeof cmd === 'string' && cmd.startsWith('plugin:event|'))
      log.push(`${cmd} ${(args as { event: string }).event}`);
    return inner(cmd, args, options);
  };
  return log;
}

describe('FileViewerWindow', () => {
  it('listens for open-file on its own window, then announces ready', async () => {
    const log = mockViewer();
    const view = mount(FileViewerWindow);
    await flushPromises();
    expect(log).toEqual(['plugin:event|listen open-file', 'plugin:event|emit ready']);
    expect(view.find('[data-testid=viewer-waiting]').exists()).toBe(true);
  });

  it('shows the file open-file names, reading it once', async () => {
    const log = mockViewer();
    const view = mount(FileViewerWindow);
    await flushPromises();
    await emitEvent('openFile', '/data/a.txt');
    await flushPromises();
    expect(view.get('[data-testid=viewer-path]').text()).toBe('/data/a.txt');
    expect(view.get('[data-testid=file-text]').text()).toBe('alpha');
    expect(log.slice(2)).toEqual(['plugin:event|emit open-file', 'file_info /data/a.txt', 'read_file /data/a.txt']);
  });

  it('shows a refused file as its error, and closes itself', async () => {
    const log = mockViewer();
    const view = mount(FileViewerWindow);
    await flushPromises();
    await emitEvent('openFile', '/etc/passwd');
    await flushPromises();
    expect(view.get('[data-testid=error-kind]').text()).toBe('outsideScope');
    expect(view.find('[data-testid=file-text]').exists()).toBe(false);
    await view.get('[data-testid=close-window]').trigger('click');
    await flushPromises();
    expect(log.at(-1)).toBe('close_window');
  });
});
