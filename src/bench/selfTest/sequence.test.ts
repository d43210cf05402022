import { describe, expect, it } from 'vitest';
import type { BenchMessage } from '../../api';
import { benchMessage, taggedRaw } from '../../testing/fakeBench';
import { mixedExpectation, readMixed, readTagged, StreamAudit } from './sequence';

const mixed = (i: number, size?: number): BenchMessage =>
  (size === undefined ? benchMessage('mixed', i, 60, 0) : taggedRaw(i, size)) as BenchMessage;
const tagged = (count: number) =>
  Array.from({ length: count }, (_, i) => benchMessage('tagged', i, count, 0) as BenchMessage);

function audit(messages: BenchMessage[], read = readMixed) {
  const a = new StreamAudit(read);
  messages.forEach(a.deliver);
  return a;
}

describe('the mixed stream audit', () => {
  const good = Array.from({ length: 60 }, (_, i) => mixed(i));

  it('finds nothing wrong with a stream as Rust sends it', () => {
    expect(mixedExpectation(3)).toEqual({ kind: 'json', size: 1024 });
    expect(mixedExpectation(8)).toEqual({ kind: 'raw', size: 65536 });
    const a = audit(good);
    expect([a.received, a.orderProblems, a.shapeProblems]).toEqual([60, 0, 0]);
  });

  it('reports two messages swapped as out of order', () => {
    const swapped = [...good];
    [swapped[20], swapped[22]] = [swapped[22], swapped[20]]; // both raw: the kinds still alternate
    const a = audit(swapped);
    expect(a.orderProblems).toBe(2);
    expect(a.orderExamples).toEqual(['sequence 22 at position 20', 'sequence 20 at position 22']);
  });

  it('reports a duplicate: what follows is out of place, and there is one too many', () => {
    const duplicated = [...good.slice(0, 31), good[30], ...good.slice(31)];
    const a = audit(duplicated);
    expect(a.received).toBe(61);
    expect(a.orderProblems).toBeGreaterThan(20);
    expect(a.orderExamples[0]).toBe('sequence 30 at position 31');
  });

  it('reports a missing message, a wrong size and a wrong kind as such', () => {
    const gap = audit([...good.slice(0, 10), ...good.slice(11)]);
    expect(gap.orderExamples[0]).toBe('sequence 11 at position 10');
    const resized = [...good];
    resized[4] = mixed(4, 1000); // raw of 1025 due
    resized[7] = [7, 'x'.repeat(8000)]; // JSON of 8193 due
    const shapes = audit(resized);
    expect(shapes.orderProblems).toBe(0);
    expect(shapes.shapeExamples).toEqual([
      '1000 raw bytes at position 4, not 1025',
      'JSON array at position 7 is not 8193 characters of JSON',
    ]);
    const kinds = [...good];
    kinds[1] = mixed(1, 1); // raw where JSON is due
    expect(audit(kinds).shapeExamples[0]).toBe('a raw ArrayBuffer at position 1, where JSON was due');
  });
});

describe('the tagged stream audit', () => {
  it('passes data in order ending in one end', () => {
    const a = audit(tagged(10), readTagged(10));
    expect([a.received, a.orderProblems, a.shapeProblems, a.terminals]).toEqual([10, 0, 0, [9]]);
  });

  it('reports a second end, an early end, and an end with the wrong count', () => {
    const twice = audit([...tagged(10), { event: 'end', data: 10 }], readTagged(10));
    expect(twice.terminals).toEqual([9, 10]);
    const early = tagged(10);
    early.splice(5, 0, { event: 'end', data: 10 });
    expect(audit(early.slice(0, 10), readTagged(10)).orderExamples[0]).toBe('the end at position 5, of 10');
    const wrong = tagged(10);
    wrong[9] = { event: 'end', data: 9 };
    expect(audit(wrong, readTagged(10)).shapeExamples).toEqual(['the end carries 9, not 10']);
  });
});
