import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, formatPercent, formatStep, formatValue } from './format';

describe('formatValue', () => {
  it.each([
    [0.7653563780055977, '0.7654'],
    [2.5, '2.5'],
    [12345.678, '12,345.7'],
    [0, '0'],
    [1.5e-7, '1.500e-7'],
    [3.2e9, '3.200e9'],
    [-0.001234, '-0.001234'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '−Inf'],
    [null, '–'],
  ])('formats %s as %s', (value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [5.25, '5.3 s'],
    [42, '42 s'],
    [250, '4m 10s'],
    [7500, '2h 05m'],
    [3 * 86400 + 4 * 3600 + 5, '3d 4h'],
    [-90, '−1m 30s'],
  ])('formats %s s as %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('other formats', () => {
  it('formats steps, ages and percentages', () => {
    expect(formatStep(48213)).toBe('48,213');
    expect(formatAgo(1000, 1500)).toBe('just now');
    expect(formatAgo(0, 65_000)).toBe('1m 05s ago');
    expect(formatPercent(12.345)).toBe('+12.3 %');
    expect(formatPercent(-4)).toBe('-4.0 %');
    expect(formatPercent(NaN)).toBe('–');
  });
});
