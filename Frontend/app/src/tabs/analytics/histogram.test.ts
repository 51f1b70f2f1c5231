import { describe, expect, it } from 'vitest';
import { binsOf } from './histogram';

describe('run loss histogram', () => {
  it('places each count at the centre of its bin', () => {
    expect(binsOf([0, 1, 3], [4, 2])).toEqual({ centers: [0.5, 2], counts: [4, 2] });
  });

  it('keeps only the bins that have both edges', () => {
    expect(binsOf([0, 1], [4, 2])).toEqual({ centers: [0.5], counts: [4] });
    expect(binsOf([], [])).toEqual({ centers: [], counts: [] });
  });
});
