import { describe, expect, it } from 'vitest';
import { joinOnStep, stepRangeWithin } from './metricX';

const f = (values: number[]) => Float64Array.from(values);
const series = (steps: number[], values: number[]) => ({ steps: f(steps), values: f(values), length: steps.length });

describe('metric x axis join', () => {
  it('takes the x of the same step where the x metric has one', () => {
    const join = joinOnStep(f([0, 10, 20]), 0, 3, series([0, 10, 20], [100, 200, 400]));

    expect(Array.from(join.xs)).toEqual([100, 200, 400]);
    expect(Array.from(join.kept)).toEqual([0, 1, 2]);
    expect(join.withoutX).toBe(0);
  });

  it('interpolates linearly between the neighbouring x points', () => {
    const join = joinOnStep(f([5, 10, 15]), 0, 3, series([0, 10, 20], [100, 200, 400]));

    expect(Array.from(join.xs)).toEqual([150, 200, 300]);
  });

  it('leaves out and counts points before the first x, after the last, and next to a non-finite x', () => {
    const join = joinOnStep(f([0, 5, 10, 15, 20, 25, 30, 35]), 0, 8, series([5, 15, 20, 30], [50, 150, NaN, 300]));

    // step 0: before the first x; 20: NaN itself; 25: between NaN and 300; 35: after the last.
    expect(Array.from(join.kept)).toEqual([1, 2, 3, 6]);
    expect(Array.from(join.xs)).toEqual([50, 100, 150, 300]);
    expect(join.withoutX).toBe(4);
  });

  it('leaves every point out when the run has no x metric', () => {
    const join = joinOnStep(f([1, 2]), 0, 2, null);

    expect(join.xs.length).toBe(0);
    expect(join.withoutX).toBe(2);
  });

  it('joins only the points from the start given', () => {
    const join = joinOnStep(f([0, 10, 20, 30]), 2, 2, series([0, 30], [0, 3]));

    expect(Array.from(join.kept)).toEqual([2, 3]);
    expect(Array.from(join.xs)).toEqual([2, 3]);
  });

  it('finds the step range whose x lies in a zoomed range, with the neighbours that interpolate into it', () => {
    const x = series([0, 10, 20, 30, 40], [0, 100, 200, 300, 400]);

    expect(stepRangeWithin(x, 150, 250)).toEqual([10, 30]);
    expect(stepRangeWithin(x, 120, 180)).toEqual([10, 20]);
    expect(stepRangeWithin(x, 500, 600)).toBeNull();
  });
});
