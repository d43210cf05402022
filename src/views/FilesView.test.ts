import { afterEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { RouterView } from 'vue-router';
import { routerAt } from '../testing/router';

enableAutoUnmount(afterEach);
afterEach(() => clearMocks());

/** Files as the app shows it: the real router at `location`, its view through RouterView. */
async function mountFiles(location = '/files') {
  const router = await routerAt(location);
  return mount(RouterView, { global: { plugins: [router] } });
}

const files: Record<string, { text?: string; bytes: number[] | Uint8Array; mime: string }> = {
  '/data/a.txt': { text: 'alpha', bytes: [97, 108, 112, 104, 97], mime: 'text/plain' },
  '/data/b.bin': { bytes: [0xff, 0x00, 0x41], mime: 'application/octet-stream' },
  '/data/c.png': { bytes: [0x89, 0x50, 0x4e, 0x47], mime: 'image/png' },
  // Larger than one piece (4 MiB): read in pieces.
  '/data/big.bin': {
    bytes: Uint8Array.from({ length: 9 * 1024 * 1024 + 5 }, (_, i) => i % 251),
    mime: 'application/octet-stream',
  },
};

/** Holds each read_file_chunk answer until the test lets it go (null: answer at once). */
let holdPieces: Promise<void> | null = null;

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

function mockFiles(recent: string[] = [], sent: { cmd: string; args: unknown }[] = []) {
  const calls: string[] = [];
  mockIPC((cmd, args) => {
    calls.push(cmd);
    const path = (args as { path?: string })?.path ?? '';
    const file = files[path];
    if (cmd === 'recent_files') return recent;
    if (cmd === 'inbox_files') return [];
    if (cmd === 'plugin:dialog|open') return '/data/a.txt';
    if (cmd === 'plugin:event|emit' || cmd === 'open_file_viewer') {
      sent.push({ cmd, args });
      return cmd === 'open_file_viewer' ? 'created' : null;
    }
    if (!file) throw { kind: 'notFound', message: `not found: ${path}` };
    if (cmd === 'file_info') return { path, name: path.split('/').pop(), size: file.bytes.length, mime: file.mime };
    if (cmd === 'read_file') {
      if (file.text === undefined) throw { kind: 'notUtf8', message: `not valid UTF-8 text: ${path}` };
      return file.text;
    }
    if (cmd === 'read_file_bytes') return new Uint8Array(file.bytes).buffer;
    if (cmd === 'read_file_chunk') {
      const { offset, length } = args as { offset: number; length: number };
      const piece = new Uint8Array(file.bytes.slice(offset, offset + length)).buffer;
      return holdPieces ? holdPieces.then(() => piece) : piece;
    }
    if (cmd === 'load_image') {
      const { reader } = args as { reader: { id: number } };
      internals().runCallback(reader.id, { index: 0, message: new Uint8Array(file.bytes).buffer });
      return file.bytes.length;
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

async function open(view: Awaited<ReturnType<typeof mountFiles>>, path: string) {
  await view.get('[data-testid=file-path]').setValue(path);
  await view.get('form').trigger('submit');
  await flushPromises();
}

describe('FilesView', () => {
  it('shows a text file with its size and type, reading it once', async () => {
    const calls = mockFiles();
    const view = await mountFiles();
    await open(view, '/data/a.txt');
    expect(view.get('[data-testid=file-text]').text()).toBe('alpha');
    expect(view.text()).toContain('5 B · text/plain');
    expect(calls).toEqual(['inbox_files', 'recent_files', 'file_info', 'read_file', 'recent_files']);
  });

  it('reads an image once when opening it switches the view mode', async () => {
    const calls = mockFiles();
    // jsdom has no object URLs.
    if (!('createObjectURL' in URL))
      Object.assign(URL, { createObjectURL: () => 'blob:test', revokeObjectURL: () => {} });
    const view = await mountFiles();
    await open(view, '/data/a.txt');
    await open(view, '/data/c.png');
    expect(view.get('[data-testid=mode-image]').attributes('aria-selected')).toBe('true');
    expect(calls.filter((cmd) => cmd === 'load_image')).toHaveLength(1);
    expect(calls.filter((cmd) => cmd === 'read_file')).toHaveLength(1);
    // recent_files follows the SHA-256 (crypto.subtle), which flushPromises does not wait for.
    await vi.waitFor(() => expect(calls.slice(5)).toEqual(['file_info', 'load_image', 'recent_files']));
  });

  it('reads a file larger than a piece in pieces, two at once, with its progress', async () => {
    const calls = mockFiles();
    const view = await mountFiles();
    await open(view, '/data/big.bin');
    await view.get('[data-testid=mode-hex]').trigger('click');
    await vi.waitFor(() => expect(view.find('[data-testid=file-hex]').exists()).toBe(true));
    expect(view.get('[data-testid=file-hex]').text().split('\n')[0]).toBe(
      '00000000  00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f  ................',
    );
    expect(calls.filter((cmd) => cmd === 'read_file_chunk')).toHaveLength(3);
    expect(calls).not.toContain('read_file_bytes');
    expect(view.text()).toContain('First 4 KiB of 9.0 MiB, read in 4.0 MiB pieces, 2 at once.');
  });

  it('stops a read in pieces on Cancel, and says so', async () => {
    const calls = mockFiles();
    let release = () => {};
    holdPieces = new Promise((resolve) => (release = resolve));
    try {
      const view = await mountFiles();
      await open(view, '/data/big.bin');
      await view.get('[data-testid=mode-hex]').trigger('click');
      await flushPromises();
      expect(view.get('[data-testid=hex-progress]').attributes('max')).toBe(String(9 * 1024 * 1024 + 5));
      expect(calls.filter((cmd) => cmd === 'read_file_chunk')).toHaveLength(2); // two in flight
      await view.get('[data-testid=hex-cancel]').trigger('click');
      release();
      await vi.waitFor(() => expect(view.find('[data-testid=error-kind]').exists()).toBe(true));
      expect(view.get('[data-testid=error-kind]').text()).toBe('cancelled');
      expect(calls.filter((cmd) => cmd === 'read_file_chunk')).toHaveLength(2); // none after the cancel
      expect(view.find('[data-testid=file-hex]').exists()).toBe(false);
    } finally {
      holdPieces = null;
    }
  });

  it('shows the typed error for a missing file', async () => {
    mockFiles();
    const view = await mountFiles();
    await open(view, '/data/missing.txt');
    expect(view.get('[data-testid=error-kind]').text()).toBe('notFound');
    expect(view.find('[data-testid=file-text]').exists()).toBe(false);
  });

  it('suggests hex for binary files and dumps them, one read per mode', async () => {
    const calls = mockFiles();
    const view = await mountFiles();
    await open(view, '/data/b.bin');
    expect(view.get('[data-testid=error-kind]').text()).toBe('notUtf8');
    await view.get('[data-testid=mode-hex]').trigger('click');
    await flushPromises();
    expect(view.get('[data-testid=file-hex]').text()).toBe('00000000  ff 00 41' + ' '.repeat(39) + '  ..A');
    expect(calls.slice(2)).toEqual(['file_info', 'read_file', 'recent_files', 'read_file_bytes', 'recent_files']);
  });

  it('lists recent files and opens one on click', async () => {
    const calls = mockFiles(['/data/a.txt']);
    const view = await mountFiles();
    await flushPromises();
    await view.get('[data-testid=recent-files] button').trigger('click');
    await flushPromises();
    expect(view.get('[data-testid=file-text]').text()).toBe('alpha');
    expect(calls.filter((cmd) => cmd === 'read_file')).toHaveLength(1);
  });

  it('opens the path in #/files?path=… on arrival (Downloads → Open in Files)', async () => {
    const calls = mockFiles();
    const view = await mountFiles('/files?path=%2Fdata%2Fa.txt');
    await flushPromises();
    expect(view.get<HTMLInputElement>('[data-testid=file-path]').element.value).toBe('/data/a.txt');
    expect(view.get('[data-testid=file-text]').text()).toBe('alpha');
    expect(calls.filter((cmd) => cmd === 'file_info' || cmd === 'read_file')).toEqual(['file_info', 'read_file']);
  });

  it('announces a picked file to Rust with file-selected, then opens it', async () => {
    const sent: { cmd: string; args: unknown }[] = [];
    const calls = mockFiles([], sent);
    const view = await mountFiles();
    await flushPromises();
    await view.get('[data-testid=file-browse]').trigger('click');
    await flushPromises();
    expect(sent).toEqual([{ cmd: 'plugin:event|emit', args: { event: 'file-selected', payload: '/data/a.txt' } }]);
    expect(calls.slice(2, 5)).toEqual(['plugin:dialog|open', 'plugin:event|emit', 'file_info']);
    expect(view.get('[data-testid=file-text]').text()).toBe('alpha');
  });

  it('sends the open file to the viewer window', async () => {
    const sent: { cmd: string; args: unknown }[] = [];
    mockFiles([], sent);
    const view = await mountFiles();
    await open(view, '/data/a.txt');
    await view.get('[data-testid=open-in-viewer]').trigger('click');
    await flushPromises();
    expect(sent).toEqual([{ cmd: 'open_file_viewer', args: { path: '/data/a.txt' } }]);
    expect(view.get('[data-testid=viewer-note]').text()).toBe('Sent to the viewer window (opened).');
  });
});
