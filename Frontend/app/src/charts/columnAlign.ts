import type uPlot from 'uplot';
import type { ChartLine } from './chartModel';

/** Slots per pixel column: the first, lowest, highest and last point, in the order they occur. */
const SLOTS = 4;

/**
 * Aligns lines on a shared grid of `columns` pixel columns, keeping per line and column the first, minimum,
 * maximum and last value (M4): drawn as lines, that is the same picture as every point, at a cost that follows
 * the chart's width instead of the number of runs times points. x values move by less than a quarter of a
 * column; the tooltip reads exact values from the lines themselves. A non-finite value (or one a log scale
 * cannot show) breaks the line in its column.
 */
export function alignToColumns(lines: readonly ChartLine[], columns: number, logScale: boolean, range?: [number, number]): uPlot.AlignedData {
  const grid = columnGrid(lines, columns, range);
  const { lo, width } = grid;
  const slots = columns * SLOTS;
  const xs = new Float64Array(slots);
  for (let c = 0; c < columns; c++) {
    for (let k = 0; k < SLOTS; k++) xs[c * SLOTS + k] = lo + (c + (k + 0.5) / SLOTS) * width;
  }
  return [xs, ...lines.map((line) => columnsOf(line, grid, columns, logScale))];
}

/** The pixel-column grid shared by every line of a chart: its x range and the width of one column. */
export interface ColumnGrid {
  lo: number;
  hi: number;
  width: number;
}

export function columnGrid(lines: readonly { xs: Float64Array; length: number }[], columns: number, range?: [number, number]): ColumnGrid {
  let lo = Infinity;
  let hi = -Infinity;
  if (range) [lo, hi] = range;
  else {
    for (const l of lines) {
      if (l.length === 0) continue;
      lo = Math.min(lo, l.xs[0]);
      hi = Math.max(hi, l.xs[l.length - 1]);
    }
  }
  return { lo, hi, width: hi > lo ? (hi - lo) / columns : 1 };
}

/** The column of x on the grid (x inside [lo, hi]). */
export function columnOf(x: number, grid: ColumnGrid, columns: number): number {
  return Math.min(columns - 1, Math.floor((x - grid.lo) / grid.width));
}

function columnsOf(line: ChartLine, grid: ColumnGrid, columns: number, logScale: boolean): (number | null | undefined)[] {
  // A holey array of doubles: the holes read as undefined (uPlot draws across them) and the values stay unboxed.
  const ys: (number | null | undefined)[] = new Array(columns * SLOTS);
  let column = -1;
  let count = 0;
  let first = 0;
  let last = 0;
  let min = 0;
  let max = 0;
  let minAt = 0;
  let maxAt = 0;
  let broken = false;

  const flush = () => {
    const base = column * SLOTS;
    if (broken) {
      ys[base + 1] = null;
      if (count > 0) {
        ys[base] = first;
        ys[base + 3] = last;
      }
      return;
    }
    if (count === 0) return;
    ys[base] = first;
    if (count === 1) return;
    ys[base + 3] = last;
    const [a, aAt, b, bAt] = minAt <= maxAt ? [min, minAt, max, maxAt] : [max, maxAt, min, minAt];
    if (aAt !== 0 && aAt !== count - 1) ys[base + 1] = a;
    if (bAt !== 0 && bAt !== count - 1) ys[base + 2] = b;
  };

  for (let i = 0; i < line.length; i++) {
    const x = line.xs[i];
    if (x < grid.lo || x > grid.hi) continue;
    const c = columnOf(x, grid, columns);
    if (c !== column) {
      if (column >= 0) flush();
      column = c;
      count = 0;
      broken = false;
    }
    const v = line.values[i];
    if (!Number.isFinite(v) || (logScale && v <= 0)) {
      broken = true;
      continue;
    }
    if (count === 0) {
      first = min = max = v;
      minAt = maxAt = 0;
    } else {
      if (v < min) {
        min = v;
        minAt = count;
      }
      if (v > max) {
        max = v;
        maxAt = count;
      }
    }
    last = v;
    count++;
  }
  if (column >= 0) flush();
  return ys;
}

/** Every distinct x of the lines, ascending: the shared x column when the lines are merged on their x values. */
export function unionOfXs(lines: readonly { xs: Float64Array; length: number }[]): Float64Array {
  let total = 0;
  for (const l of lines) total += l.length;
  const all = new Float64Array(total);
  let at = 0;
  for (const l of lines) {
    all.set(l.xs.subarray(0, l.length), at);
    at += l.length;
  }
  all.sort();
  let m = 0;
  for (let i = 0; i < total; i++) if (m === 0 || all[i] !== all[m - 1]) all[m++] = all[i];
  return all.subarray(0, m);
}
