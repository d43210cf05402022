// The bench's bytes as Rust makes them (byte i is i % 251, so a shifted, truncated or repeated
// piece shows), to send, and to check what came back: a whole payload byte by byte, a later
// chunk or frame of a run by a sample (its first, middle and last bytes, where it sits in the
// run).

export const PATTERN_MODULUS = 251;

/** `size` bytes of the pattern. */
export function patternBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % PATTERN_MODULUS;
  return bytes;
}

/** What is wrong with `bytes` as `size` bytes of the pattern, or null when nothing is. */
export const patternMismatch = (bytes: Uint8Array, size: number): string | null =>
  bytes.length === size ? patternMismatchAt(bytes, 0, 'full') : `${bytes.length} bytes instead of ${size}`;

/**
 * What is wrong with `bytes` as the piece of the pattern at `offset` of a run, or null: every
 * byte (`full`), or the first, middle and last (`sample`).
 */
export function patternMismatchAt(bytes: Uint8Array, offset: number, check: 'full' | 'sample'): string | null {
  const at = check === 'full' ? bytes.keys() : new Set([0, bytes.length >> 1, bytes.length - 1]);
  for (const i of at) {
    if (i < 0 || i >= bytes.length) continue;
    const due = (offset + i) % PATTERN_MODULUS;
    if (bytes[i] !== due) return `byte ${offset + i} is ${bytes[i]}, not ${due}`;
  }
  return null;
}
