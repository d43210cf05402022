import { describe, expect, it } from 'vitest';
import { patternBytes, patternMismatch, patternMismatchAt } from './payloads';

const at = (offset: number, size: number) => Uint8Array.from({ length: size }, (_, i) => (offset + i) % 251);

describe('the bench pattern', () => {
  it('checks a whole payload byte by byte', () => {
    expect(patternMismatch(patternBytes(600), 600)).toBeNull();
    expect(patternMismatch(patternBytes(600), 601)).toBe('600 bytes instead of 601');
    const off = patternBytes(600);
    off[300] = 0;
    expect(patternMismatch(off, 600)).toBe('byte 300 is 0, not 49');
  });

  it('checks a piece where it sits in its run: every byte, or its first, middle and last', () => {
    const piece = at(1000, 101);
    expect(patternMismatchAt(piece, 1000, 'full')).toBeNull();
    expect(patternMismatchAt(piece, 1000, 'sample')).toBeNull();
    // A piece placed at the wrong offset shows in its first byte.
    expect(patternMismatchAt(piece, 0, 'sample')).toBe(`byte 0 is ${1000 % 251}, not 0`);
    const middle = at(1000, 101);
    middle[50] ^= 1;
    expect(patternMismatchAt(middle, 1000, 'sample')).toMatch(/^byte 1050 is/);
    const inner = at(1000, 101);
    inner[10] ^= 1; // between the samples: only the full check sees it
    expect(patternMismatchAt(inner, 1000, 'sample')).toBeNull();
    expect(patternMismatchAt(inner, 1000, 'full')).toMatch(/^byte 1010 is/);
    expect(patternMismatchAt(new Uint8Array(), 5, 'sample')).toBeNull();
  });
});
