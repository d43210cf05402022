// The bench's bytes as Rust makes them (byte i is i % 251, so a shifted, truncated or repeated
// piece shows), to send, and to check what came back.

export const PATTERN_MODULUS = 251;

/** `size` bytes of the bench pattern. */
export function patternBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = i % PATTERN_MODULUS;
  return bytes;
}

/** What is wrong with `bytes` as `size` bytes of the pattern, or null when nothing is. */
export function patternMismatch(bytes: Uint8Array, size: number): string | null {
  if (bytes.length !== size) return `${bytes.length} bytes instead of ${size}`;
  for (let i = 0; i < size; i++) {
    if (bytes[i] !== i % PATTERN_MODULUS) return `byte ${i} is ${bytes[i]}, not ${i % PATTERN_MODULUS}`;
  }
  return null;
}
