import { describe, expect, it } from 'vitest';
import type { ChartLine } from './chartModel';
import { alignToColumns } from './columnAlign';

function line(xs: number[], values: number[]): ChartLine {
  return {
    key: 'k', runId: 'r', label: 'r', color: 'red', role: 'plain', bucketWidth: 1, nonFinite: null, length: xs.length,
    xs: Float64Array.from(xs), values: Float64Array.from(values), mins: Float64Array.from(values), maxs: Float64Array.from(values),
  };
}

describe('alignToColumns', () => {
  it('keeps first, extremes in their order, and last of each column', () => {
    // One column over [0, 10): points 0..9 with a dip at 3 and a peak at 6.
    const values = [5, 4, 4.5, 1, 5, 6, 9, 7, 6, 5.5];
    const data = alignToColumns([line([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], values)], 1, false, [0, 10]);

    expect(data[0]).toHaveLength(4);
    expect(Array.from({ length: 4 }, (_, i) => data[1][i])).toEqual([5, 1, 9, 5.5]);
  });

  it('puts the maximum before the minimum when it comes first', () => {
    const data = alignToColumns([line([0, 1, 2, 3], [2, 8, 0, 3])], 1, false, [0, 4]);
    expect(Array.from({ length: 4 }, (_, i) => data[1][i])).toEqual([2, 8, 0, 3]);
  });

  it('shares one grid of four slots per column across lines, leaving undefined where a line has no point', () => {
    const data = alignToColumns([line([0, 1, 2, 3], [1, 2, 3, 4]), line([2.5], [7])], 2, false, [0, 4]);

    expect(data[0]).toHaveLength(8);
    expect(data[2][4]).toBe(7);
    expect(data[2][0]).toBeUndefined();
  });

  it('breaks a line in a column holding a non-finite value', () => {
    const data = alignToColumns([line([0, 1, 2, 3], [1, NaN, 3, 4])], 1, false, [0, 4]);
    expect(data[1][1]).toBeNull();
    expect(data[1][0]).toBe(1);
    expect(data[1][3]).toBe(4);
  });

  it('leaves out points outside the range', () => {
    const data = alignToColumns([line([-5, 1, 50], [9, 1, 9])], 1, false, [0, 10]);
    expect(Array.from({ length: 4 }, (_, i) => data[1][i])).toEqual([1, undefined, undefined, undefined]);
  });
});
