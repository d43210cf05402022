import { describe, expect, it } from 'vitest';
import { readChunked } from './chunks';

const byteAt = (i: number) => i % 251;
const piece = (offset: number, size: number) => Uint8Array.from({ length: size }, (_, i) => byteAt(offset + i));

describe('readChunked', () => {
  it('reads every chunk once, at most inFlight at a time, into its place', async () => {
    let running = 0;
    let most = 0;
    const asked: [number, number][] = [];
    const progress: number[] = [];
    const bytes = await readChunked(
      async (offset, size) => {
        asked.push([offset, size]);
        most = Math.max(most, ++running);
        // Later chunks answer first: placement must not depend on arrival order.
        await new Promise((r) => setTimeout(r, 10 - offset / 100));
        running--;
        return piece(offset, size);
      },
      { total: 1000, chunk: 300, inFlight: 2, onProgress: (done) => progress.push(done) },
    );
    expect(asked.sort((a, b) => a[0] - b[0])).toEqual([
      [0, 300],
      [300, 300],
      [600, 300],
      [900, 100],
    ]);
    expect(most).toBe(2);
    expect(bytes).toEqual(piece(0, 1000));
    expect(progress.at(-1)).toBe(1000);
    expect(progress).toHaveLength(4);
  });

  it('fails on a chunk of the wrong length, and stops when aborted', async () => {
    const short = readChunked((offset, size) => Promise.resolve(piece(offset, size - 1)), {
      total: 10,
      chunk: 5,
      inFlight: 1,
    });
    await expect(short).rejects.toMatchObject({ kind: 'internal', message: 'the chunk at 0 has 4 bytes, not 5' });
    const controller = new AbortController();
    let calls = 0;
    const aborted = readChunked(
      (offset, size) => {
        if (++calls === 2) controller.abort();
        return Promise.resolve(piece(offset, size));
      },
      { total: 100, chunk: 10, inFlight: 1, signal: controller.signal },
    );
    await expect(aborted).rejects.toThrow();
    expect(calls).toBe(2);
    await expect(
      readChunked(() => Promise.resolve(new Uint8Array()), { total: 1, chunk: 0, inFlight: 1 }),
    ).rejects.toMatchObject({
      kind: 'invalidInput',
    });
  });

  it('reads nothing for an empty payload', async () => {
    let calls = 0;
    const bytes = await readChunked(() => (calls++, Promise.resolve(new Uint8Array())), {
      total: 0,
      chunk: 8,
      inFlight: 4,
    });
    expect([bytes.length, calls]).toEqual([0, 0]);
  });
});
