import type uPlot from 'uplot';

/** Indexes [i0, i1] of the points of `xs` inside the x scale, one extra on each side so lines reach the edges. */
export function visibleRange(u: uPlot, xs: Float64Array, length: number): [number, number] {
  const min = u.scales.x.min ?? -Infinity;
  const max = u.scales.x.max ?? Infinity;
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < min) lo = mid + 1;
    else hi = mid;
  }
  const i0 = Math.max(0, lo - 1);
  lo = i0;
  hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= max) lo = mid + 1;
    else hi = mid;
  }
  return [i0, Math.min(length - 1, lo)];
}

/** Index of the point of `xs` nearest to x, or -1 when x lies outside the line's own span. */
export function nearestIndex(xs: Float64Array, length: number, x: number): number {
  if (length === 0 || x < xs[0] || x > xs[length - 1]) return -1;
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && x - xs[lo - 1] < xs[lo] - x ? lo - 1 : lo;
}
