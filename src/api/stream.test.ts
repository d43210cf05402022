import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { batchedChannel } from './stream';

afterEach(() => clearMocks());

type Internals = { runCallback: (id: number, data: unknown) => void };
const internals = () => (window as unknown as { __TAURI_INTERNALS__: Internals }).__TAURI_INTERNALS__;

describe('batchedChannel', () => {
  it('hands each message of each frame on in order, and counts messages, not frames', async () => {
    mockIPC(() => null);
    const seen: number[] = [];
    const stream = batchedChannel<number>((n) => seen.push(n));
    const arrived = stream.arrived(5, 'messages');
    // Frames may arrive out of order; the Channel puts them back by index.
    internals().runCallback(stream.channel.id, { index: 1, message: [3, 4] });
    internals().runCallback(stream.channel.id, { index: 0, message: [0, 1, 2] });
    await arrived;
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});
