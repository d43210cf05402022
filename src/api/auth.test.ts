import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { rawBodiesUnavailable, toBase64, uploadFile } from './auth';
import { rememberPlatform, type Platform } from './platform';

afterEach(() => {
  clearMocks();
  rememberPlatform({ platform: 'linux', mobile: false });
});

describe('uploadFile', () => {
  it('fetches a fresh token and sends the raw bytes with the seed headers', async () => {
    const calls: { cmd: string; args: unknown; headers?: unknown }[] = [];
    mockIPC((cmd) => (cmd === 'upload_token' ? 'tok123' : { name: 'résumé.bin', size: 3, modifiedMs: 0 }));
    // mockIPC's handler does not see invoke options; record them on the way in.
    type Invoke = (cmd: string, args: unknown, options?: { headers?: unknown }) => Promise<unknown>;
    const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: Invoke } }).__TAURI_INTERNALS__;
    const inner = internals.invoke;
    internals.invoke = (cmd, args, options) => {
      calls.push({ cmd, args, headers: options?.headers });
      return inner(cmd, args, options);
    };
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(uploadFile('résumé.bin', bytes)).resolves.toMatchObject({ name: 'résumé.bin' });
    expect(calls[0]).toMatchObject({ cmd: 'upload_token' });
    expect(calls[1]).toEqual({
      cmd: 'upload',
      args: bytes,
      headers: { Authorization: 'Bearer tok123', 'X-File-Name': 'r%C3%A9sum%C3%A9.bin' },
    });
  });

  it('sends base64 where raw bodies are unavailable (Android)', async () => {
    rememberPlatform({ platform: 'android', mobile: true }); // what run_mode answers on Android
    let body: unknown;
    mockIPC((cmd, args) => {
      if (cmd === 'upload_token') return 't';
      body = args;
      return { name: 'a', size: 2, modifiedMs: 0 };
    });
    await uploadFile('a', new Uint8Array([0, 255]));
    expect(body).toBe('AP8=');
  });

  it('goes by the platform Rust names, and encodes large inputs', () => {
    expect(['linux', 'macos', 'windows', 'ios', 'android'].map((p) => rawBodiesUnavailable(p as Platform))).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    const big = new Uint8Array(100_000).fill(65);
    expect(atob(toBase64(big))).toHaveLength(100_000);
  });

  it('rejects with the typed error when signed out', async () => {
    mockIPC(() => {
      throw { kind: 'unauthorized', message: 'sign in first' };
    });
    await expect(uploadFile('a', new Uint8Array([1]))).rejects.toMatchObject({ kind: 'unauthorized' });
  });
});
