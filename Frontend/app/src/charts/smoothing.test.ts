import { describe, expect, it } from 'vitest';
import { smoothEma } from './smoothing';

describe('smoothEma', () => {
  it('matches hand-computed debiased values', () => {
    // weight 0.5: last = 0.5*last + 0.5*v; smoothed = last / (1 - 0.5^n)
    // v=1: last=0.5,  /0.5   = 1
    // v=3: last=1.75, /0.75  = 2.3333…
    // v=5: last=3.375,/0.875 = 3.857142…
    const out = smoothEma([1, 3, 5], 3, 0.5);
    expect(out[0]).toBeCloseTo(1, 12);
    expect(out[1]).toBeCloseTo(7 / 3, 12);
    expect(out[2]).toBeCloseTo(27 / 7, 12);
  });

  it('starts at the first value instead of being pulled towards zero', () => {
    const out = smoothEma([10, 10.5], 2, 0.9);
    expect(out[0]).toBeCloseTo(10, 12);
    // last = 0.9*1 + 0.1*10.5 = 1.95; 1 - 0.81 = 0.19 → 10.263157…
    expect(out[1]).toBeCloseTo(1.95 / 0.19, 12);
  });

  it('passes non-finite values through without letting them enter the average', () => {
    const out = smoothEma([2, NaN, 4, Infinity], 4, 0.5);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(Number.isNaN(out[1])).toBe(true);
    // second finite value: last = 0.5*1 + 0.5*4 = 2.5; /0.75 = 3.3333…
    expect(out[2]).toBeCloseTo(2.5 / 0.75, 12);
    expect(out[3]).toBe(Infinity);
  });

  it('leaves a constant series and weight zero unchanged', () => {
    expect(Array.from(smoothEma([0.3, 0.3, 0.3], 3, 0.9))).toEqual([0.3, 0.3, 0.3]);
    expect(Array.from(smoothEma([1, 2, 3], 3, 0))).toEqual([1, 2, 3]);
  });
});
