import type { Sample } from '../../../sidecar/src/core/model';
import { SampleBuffer } from '../../../sidecar/src/store/sample-buffer';

const s = (i: number): Sample => ({ clusterId: 'c', target: 't', metric: 'm', labels: {}, ts: i * 1000, value: i });
const range = (from: number, n: number): Sample[] => Array.from({ length: n }, (_, k) => s(from + k));
const values = (xs: Sample[]): number[] => xs.map((x) => x.value);

describe('SampleBuffer', () => {
  test('keeps samples in arrival order across chunks', () => {
    const b = new SampleBuffer(100);
    expect(b.push(range(0, 3))).toBe(0);
    b.push(range(3, 4));
    expect(b.size).toBe(7);
    expect(values(b.peek(5))).toEqual([0, 1, 2, 3, 4]);
    expect(values(b.peek(50))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('peek does not remove; drop removes the oldest, also inside a chunk', () => {
    const b = new SampleBuffer(100);
    b.push(range(0, 5));
    b.push(range(5, 5));
    b.peek(3);
    expect(b.size).toBe(10);
    b.drop(3);
    expect(values(b.peek(3))).toEqual([3, 4, 5]);
    b.drop(4);
    expect(values(b.peek(10))).toEqual([7, 8, 9]);
    b.drop(99);
    expect(b.size).toBe(0);
    expect(b.peek(5)).toEqual([]);
  });

  test('when full, the OLDEST samples are dropped and their number returned', () => {
    const b = new SampleBuffer(10);
    expect(b.push(range(0, 7))).toBe(0);
    expect(b.push(range(7, 7))).toBe(4);
    expect(b.size).toBe(10);
    expect(values(b.peek(10))).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  test('one push larger than the whole buffer keeps only its newest samples', () => {
    const b = new SampleBuffer(3);
    b.push(range(0, 2));
    expect(b.push(range(2, 10))).toBe(9);
    expect(values(b.peek(5))).toEqual([9, 10, 11]);
  });

  test('the caller array is not modified', () => {
    const input = range(0, 5);
    const b = new SampleBuffer(3);
    b.push(input);
    b.drop(2);
    expect(values(input)).toEqual([0, 1, 2, 3, 4]);
  });

  test('a non-positive size is refused', () => {
    expect(() => new SampleBuffer(0)).toThrow(RangeError);
  });
});
