import { describe, expect, it } from 'vitest';
import { tickLabels } from './axisLabels';

describe('tick labels', () => {
  it('keeps the short format when it already tells the ticks apart', () => {
    expect(tickLabels([0, 0.5, 1, 1.5])).toEqual(['0', '0.5', '1', '1.5']);
    expect(tickLabels([2000, 4000])).toEqual(['2,000', '4,000']);
  });

  it('adds digits until ticks close together on a large value read differently', () => {
    const base = 1.6409952e18;
    const labels = tickLabels([base, base + 1.8e12, base + 3.6e12]);
    expect(new Set(labels).size).toBe(3);
    expect(labels[0]).toMatch(/^1\.6409\d*e18$/);
  });

  it('adds digits for ticks close together between 1 and 1000', () => {
    expect(tickLabels([100.00001, 100.00002, 100.00003])).toEqual(['100.00001', '100.00002', '100.00003']);
  });
});
