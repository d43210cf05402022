// Reading a large payload in chunks: at most `inFlight` requests at once, each chunk copied into
// place in one buffer as it arrives, progress after each, stopped by an AbortSignal. The same
// loop drives the bench's chunked invokes and its parallel-fetch floor, so the two do the same
// work with the bytes.
import { AppError } from './errors';

export interface ChunkedRead {
  /** Bytes in all. */
  total: number;
  /** Bytes a request asks for (the last may be shorter). */
  chunk: number;
  /** Requests at once (at least 1). */
  inFlight: number;
  signal?: AbortSignal;
  /** Called with the bytes in place after each chunk. */
  onProgress?: (done: number, total: number) => void;
}

/** The chunk at `offset` of `size` bytes. */
export type ChunkFetcher = (offset: number, size: number) => Promise<Uint8Array>;

/** `total` bytes read with `fetchChunk`, `inFlight` chunks at a time, in one buffer. */
export async function readChunked(
  fetchChunk: ChunkFetcher,
  { total, chunk, inFlight, signal, onProgress }: ChunkedRead,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!(chunk > 0) || !(inFlight >= 1)) throw new AppError('invalidInput', 'a chunk and in-flight count of at least 1');
  const out = new Uint8Array(total);
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < total) {
      signal?.throwIfAborted();
      const offset = next;
      const size = Math.min(chunk, total - offset);
      next += size;
      const bytes = await fetchChunk(offset, size);
      if (bytes.length !== size) {
        throw new AppError('internal', `the chunk at ${offset} has ${bytes.length} bytes, not ${size}`);
      }
      out.set(bytes, offset);
      done += size;
      onProgress?.(done, total);
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, Math.ceil(total / chunk) || 1) }, worker));
  return out;
}
