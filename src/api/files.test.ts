import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { loadImage, readFileBytes } from './files';
import { AppError } from './errors';

afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;
const chunk = (...bytes: number[]) => new Uint8Array(bytes).buffer;

describe('loadImage', () => {
  it('waits for chunks that trail the answer, and delivers them in order', async () => {
    let send: (index: number, message: ArrayBuffer) => void = () => {};
    mockIPC((cmd, args) => {
      expect(cmd).toBe('load_image');
      const { reader } = args as { reader: { id: number } };
      send = (index, message) => internals().runCallback(reader.id, { index, message });
      send(1, chunk(3, 4)); // arrives early, out of order
      return 5;
    });
    const seen: number[] = [];
    const done = loadImage('/a.png', (c) => seen.push(...new Uint8Array(c)));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([]);
    send(0, chunk(1, 2));
    send(2, chunk(5));
    await expect(done).resolves.toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('times out when chunks never come', async () => {
    vi.useFakeTimers();
    mockIPC(() => 10);
    const done = loadImage('/a.png', () => {});
    const settled = expect(done).rejects.toMatchObject({ kind: 'timeout' });
    await vi.advanceTimersByTimeAsync(31_000);
    await settled;
  });

  it('passes typed errors through', async () => {
    mockIPC(() => {
      throw { kind: 'outsideScope', message: 'outside the allowed scope: /etc/passwd' };
    });
    const error = await loadImage('/etc/passwd', () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'outsideScope' });
  });
});

describe('readFileBytes', () => {
  it('resolves with the ArrayBuffer Rust answered', async () => {
    mockIPC(() => chunk(9, 8, 7));
    const bytes = await readFileBytes('/x.bin');
    expect(Array.from(new Uint8Array(bytes))).toEqual([9, 8, 7]);
  });
});
