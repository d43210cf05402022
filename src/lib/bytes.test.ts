import { describe, expect, it } from 'vitest';
import { formatBytes, hexDump, joinChunks, sha256Hex } from './bytes';

describe('byte helpers', () => {
  it('dumps hex with offsets and printable text', () => {
    const lines = hexDump(new TextEncoder().encode('Hello, IPC Lab!\n\u0000'));
    expect(lines).toEqual([
      '00000000  48 65 6c 6c 6f 2c 20 49 50 43 20 4c 61 62 21 0a  Hello, IPC Lab!.',
      '00000010  00                                               .',
    ]);
    expect(hexDump(new Uint8Array(100), 32)).toHaveLength(2);
  });

  it('hashes like sha256sum', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('formats sizes and joins chunks in order', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MiB');
    const joined = joinChunks([new Uint8Array([1, 2]).buffer, new Uint8Array([3]).buffer]);
    expect(Array.from(joined)).toEqual([1, 2, 3]);
  });
});
