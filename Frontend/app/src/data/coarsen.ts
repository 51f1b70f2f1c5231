import { applyTail, type ColumnsMessage, type SeriesColumns } from './seriesColumns';

/** Non-finite counts saturate here, as the decimator's do (a C# int). */
const MAX_COUNT = 2147483647;

/**
 * Applies a "coarsen" change: the series' bucket width doubled (once or more), so merge the points held, one
 * doubling at a time, exactly as the decimator merged its own (docs/decimation.md, "Doubling the width"), then
 * apply the message as a tail. Only the last few buckets travel instead of the whole series. Every number is the
 * result of the same IEEE operations in the same order as on the server, so the points match it bit for bit.
 */
export function applyCoarsen(target: SeriesColumns, message: ColumnsMessage): void {
  // A width below 1 cannot come from the server; doubling it would never reach the new one.
  let width = Math.max(1, target.bucketWidth);
  while (width < message.bucketWidth) {
    width *= 2;
    target.length = mergeDoubling(target, width);
  }
  applyTail(target, message);
}

/** The bucket of a step: a width is a power of two, so the division is exact (as the server's shift is). */
function bucketOf(step: number, width: number): number {
  return Math.floor(step / width);
}

/**
 * Merges in place the points that share a bucket of the new width; returns how many remain. Per group: the finite
 * min and max (ties keep the earlier bucket's, 0 and -0 too), the summed non-finite counts, and the shown point: the
 * series' last finite point, else its first, else LTTB among the group's finite points from the previous group's
 * shown point to the mean of the next finite group. A group without a finite value keeps its first point.
 */
function mergeDoubling(s: SeriesColumns, width: number): number {
  const { steps, times, values, mins, maxs, nonFinite } = s;
  const n = s.length;
  let lastFinite = n - 1;
  while (lastFinite >= 0 && !Number.isFinite(values[lastFinite])) lastFinite--;

  let hasAnchor = false;
  let ax = 0;
  let ay = 0;
  let written = 0;
  let start = 0;
  while (start < n) {
    const key = bucketOf(steps[start], width);
    let end = start + 1;
    while (end < n && bucketOf(steps[end], width) === key) end++;

    let firstFinite = -1;
    let min = 0;
    let max = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      if (nonFinite) count = Math.min(count + nonFinite[i], MAX_COUNT);
      if (!Number.isFinite(values[i])) continue;
      if (firstFinite < 0) {
        firstFinite = i;
        min = mins[i];
        max = maxs[i];
      } else {
        if (mins[i] < min) min = mins[i];
        if (maxs[i] > max) max = maxs[i];
      }
    }

    let shown = start;
    if (firstFinite < 0) {
      min = mins[start];
      max = maxs[start];
    } else if (lastFinite < end) {
      shown = lastFinite;
    } else if (!hasAnchor) {
      shown = firstFinite;
    } else {
      shown = chooseByLttb(s, firstFinite, end, width, ax, ay);
    }

    // Read before writing: written <= start <= shown, and the next group (read above) lies after end.
    const step = steps[shown];
    const time = times[shown];
    const value = values[shown];
    steps[written] = step;
    times[written] = time;
    values[written] = value;
    mins[written] = min;
    maxs[written] = max;
    if (nonFinite) nonFinite[written] = count;
    if (firstFinite >= 0) {
      hasAnchor = true;
      ax = step;
      ay = value;
    }
    written++;
    start = end;
  }
  return written;
}

function chooseByLttb(s: SeriesColumns, firstFinite: number, end: number, width: number, ax: number, ay: number): number {
  const { steps, values } = s;
  const [cx, cy] = nextGroupMean(s, end, width);
  let best = firstFinite;
  let bestArea = doubledArea(ax, ay, steps[best], values[best], cx, cy);
  for (let i = firstFinite + 1; i < end; i++) {
    if (!Number.isFinite(values[i])) continue;
    const area = doubledArea(ax, ay, steps[i], values[i], cx, cy);
    if (area > bestArea) {
      best = i;
      bestArea = area;
    }
  }
  return best;
}

/** Mean step and value of the finite points of the first group from `from` on that has one (one exists: the
 * series' last finite point lies after the group being merged). */
function nextGroupMean(s: SeriesColumns, from: number, width: number): [number, number] {
  const { steps, values } = s;
  let i = from;
  while (!Number.isFinite(values[i])) i++;
  const key = bucketOf(steps[i], width);
  let sumStep = 0;
  let sumValue = 0;
  let count = 0;
  for (; i < s.length && bucketOf(steps[i], width) === key; i++) {
    if (!Number.isFinite(values[i])) continue;
    sumStep += steps[i];
    sumValue += values[i];
    count++;
  }
  return [sumStep / count, sumValue / count];
}

/** Twice the triangle's area, written term for term as the server's TriangleArea.Doubled. */
function doubledArea(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return Math.abs((bx - ax) * (cy - ay) - (cx - ax) * (by - ay));
}
