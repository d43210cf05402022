import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { changePassword, greet, login, streamProgress, uploadFile } from '../api';
import { emitEvent, listenEvent } from '../api/events';
import { useInspector } from './useInspector';

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

/** A fake Rust: greet answers or fails typed, the account commands answer, events are mocked. */
function fakeRust() {
  mockIPC(
    (cmd, args) => {
      if (cmd === 'greet') {
        const { name } = args as { name: string };
        if (!name.trim()) throw { kind: 'invalidInput', message: 'invalid input: name must not be empty' };
        return `Hello, ${name}!`;
      }
      if (cmd === 'login') return 'logged_in';
      if (cmd === 'change_password') return null;
      if (cmd === 'upload_token') return 'tok-0123456789';
      if (cmd === 'upload') return { name: 'notes.bin', size: 3, modifiedMs: 0 };
      if (cmd === 'stream_progress') {
        const { onProgress } = args as { onProgress: { id: number } };
        const internals = (window as unknown as { __TAURI_INTERNALS__: { runCallback(id: number, d: unknown): void } })
          .__TAURI_INTERNALS__;
        for (let index = 0; index <= 100; index++) internals.runCallback(onProgress.id, { index, message: index });
        internals.runCallback(onProgress.id, { index: 101, end: true });
        return null;
      }
    },
    { shouldMockEvents: true },
  );
}

const settle = () => vi.waitFor(() => new Promise((resolve) => setTimeout(resolve, 150)));

describe('useInspector', () => {
  it('logs nothing while it is closed, then every call with its outcome, sizes and time once attached', async () => {
    fakeRust();
    const inspector = useInspector();
    inspector.clear();
    await greet('before');
    await settle();
    expect(inspector.entries.value).toEqual([]);

    const detach = inspector.attach();
    await greet('Tauri');
    await greet(' ').catch(() => {});
    await settle();
    const [ok, failed] = inspector.entries.value;
    expect(ok).toMatchObject({ kind: 'invoke', name: 'greet', window: 'main', outcome: 'ok' });
    expect(ok.request).toEqual({ encoding: 'json', size: '{"name":"Tauri"}'.length, preview: '{"name":"Tauri"}' });
    expect(ok.response).toMatchObject({ encoding: 'json', size: '"Hello, Tauri!"'.length });
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    // No ipc: fetch was made for it (the mock answers in the page): the postMessage side.
    expect(ok.transport).toBe('postMessage');
    expect(failed).toMatchObject({ name: 'greet', outcome: 'invalidInput' });

    detach();
    await greet('after');
    await settle();
    expect(inspector.entries.value).toHaveLength(2);
  });

  it('never lets a password or a token into the log or its export', async () => {
    fakeRust();
    const inspector = useInspector();
    inspector.clear();
    const detach = inspector.attach();
    await login('tauri', 'correct horse battery');
    await changePassword('correct horse battery', 'staple-9f8e7d');
    await uploadFile('notes.bin', new Uint8Array([1, 2, 3]));
    await settle();
    detach();
    const exported = inspector.exportJson();
    expect(inspector.entries.value.map((e) => e.name)).toEqual(['login', 'change_password', 'upload_token', 'upload']);
    // The upload's body is raw bytes: its size only.
    expect(inspector.entries.value[3].request).toEqual({ encoding: 'raw', size: 3, preview: '' });
    for (const secret of ['correct horse battery', 'staple-9f8e7d', 'tok-0123456789']) {
      expect(exported).not.toContain(secret);
    }
    expect(exported).toContain('‹hidden: 21 chars›');
  });

  it("logs the events a listener hears and a channel's messages as one entry named for its command", async () => {
    fakeRust();
    const inspector = useInspector();
    inspector.clear();
    const detach = inspector.attach();
    const heard: string[] = [];
    const unlisten = await listenEvent('backendEvent', (message) => heard.push(message));
    await emitEvent('backendEvent', 'from the test');
    await streamProgress(() => {});
    await settle();
    unlisten();
    detach();
    expect(heard).toEqual(['from the test']);
    const ofKind = (kind: string) => inspector.entries.value.filter((e) => e.kind === kind);
    expect(ofKind('event')).toMatchObject([{ name: 'backend-event', outcome: 'ok' }]);
    expect(ofKind('channel')).toMatchObject([{ name: 'stream_progress', messages: 101 }]);
  });

  it('records nothing while paused', async () => {
    fakeRust();
    const inspector = useInspector();
    inspector.clear();
    const detach = inspector.attach();
    inspector.setPaused(true);
    await greet('paused');
    inspector.setPaused(false);
    await greet('resumed');
    await settle();
    detach();
    expect(inspector.entries.value.map((e) => e.request?.preview)).toEqual(['{"name":"resumed"}']);
  });
});
