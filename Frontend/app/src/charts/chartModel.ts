import type uPlot from 'uplot';
import { lowerBound, type SeriesColumns } from '../data/seriesColumns';
import type { XAxisMode } from '../state/viewState';
import { alignToColumns, unionOfXs } from './columnAlign';
import { joinOnStep } from './metricX';
import { smoothEma } from './smoothing';

/** One drawn line: a series' points mapped to the chart's x axis, plus what the envelope and markers need. */
export interface ChartLine {
  key: string;
  runId: string;
  label: string;
  color: string;
  /** Smoothed lines are the bold ones; the raw line under a smoothed one is faint. */
  role: 'plain' | 'raw' | 'smoothed';
  xs: Float64Array;
  values: Float64Array;
  mins: Float64Array;
  maxs: Float64Array;
  nonFinite: Uint32Array | null;
  bucketWidth: number;
  length: number;
}

export interface ChartModel {
  lines: ChartLine[];
  data: uPlot.AlignedData;
  /** On a metric x axis: points left out because their run's x metric has no value at their step. */
  withoutX: number;
}

export interface ChartInput {
  series: SeriesColumns;
  label: string;
  color: string;
  /** Run start (epoch ms), for relative time. */
  runStartMs: number;
  /** On a metric x axis, the run's series of that metric (null: the run has none); undefined on the other axes. */
  xSeries?: SeriesColumns | null;
}

export interface ModelOptions {
  xAxis: XAxisMode;
  smoothing: number;
  /** Points before this wall time (epoch ms) are left out; null keeps everything. */
  fromTimeMs: number | null;
  /** Log scale: values <= 0 cannot be drawn. */
  logScale: boolean;
  /** Pixel columns of the plot: with more points than fit, lines are reduced per column (see alignToColumns). */
  columns?: number;
  /** The x range shown (a zoom), for the per-column reduction. */
  xRange?: [number, number] | null;
}

/** Maps each input to lines on the chosen x axis and aligns them into uPlot's columnar table. */
export function buildChartModel(inputs: readonly ChartInput[], options: ModelOptions): ChartModel {
  const counts = { withoutX: 0 };
  return alignLines(buildLines(inputs, options, counts), options, counts.withoutX);
}

/**
 * Each input as lines on the chosen x axis (a raw and a smoothed one when smoothing is on); `counts.withoutX` adds
 * the points left out for want of an x (a metric x axis).
 */
export function buildLines(inputs: readonly ChartInput[], options: ModelOptions, counts?: { withoutX: number }): ChartLine[] {
  const lines: ChartLine[] = [];
  for (const input of inputs) {
    const s = input.series;
    let start = 0;
    if (options.fromTimeMs !== null) start = lowerBound(s.times, s.length, options.fromTimeMs);
    let n = s.length - start;
    if (n <= 0) continue;
    let columns = { values: s.values.subarray(start, start + n), mins: s.mins.subarray(start, start + n), maxs: s.maxs.subarray(start, start + n), nonFinite: s.nonFinite ? s.nonFinite.subarray(start, start + n) : null };
    let xs: Float64Array;
    if (input.xSeries !== undefined) {
      const join = joinOnStep(s.steps, start, n, input.xSeries);
      if (counts) counts.withoutX += join.withoutX;
      n = join.kept.length;
      if (n === 0) continue;
      xs = join.xs;
      if (join.withoutX > 0) columns = gather(s, join.kept);
    } else {
      xs = mapX(s, start, n, options.xAxis, input.runStartMs);
    }
    const values = columns.values;
    const base = {
      key: s.runSeriesKey,
      runId: s.runId,
      label: input.label,
      color: input.color,
      xs,
      mins: columns.mins,
      maxs: columns.maxs,
      nonFinite: columns.nonFinite,
      bucketWidth: s.bucketWidth,
      length: n,
    };
    if (options.smoothing > 0) {
      lines.push({ ...base, role: 'raw', values });
      lines.push({ ...base, key: `${s.runSeriesKey}\u001fsmoothed`, role: 'smoothed', values: smoothEma(values, n, options.smoothing) });
    } else {
      lines.push({ ...base, role: 'plain', values });
    }
  }
  return lines;
}

/** The lines in uPlot's columnar table: merged on their x values, or reduced per pixel column when they do not fit. */
export function alignLines(lines: ChartLine[], options: ModelOptions, withoutX = 0): ChartModel {
  let points = 0;
  for (const l of lines) points += l.length;
  const columns = options.columns ?? 0;
  const data = columns > 0 && points > columns * 4 ? alignToColumns(sortAll(lines), columns, options.logScale, options.xRange ?? undefined) : align(lines, options.logScale);
  return { lines, data, withoutX };
}

/** The columns of the points at `kept`, in that order. */
function gather(s: SeriesColumns, kept: Uint32Array) {
  const pick = (a: Float64Array) => Float64Array.from(kept, (i) => a[i]);
  const nonFinite = s.nonFinite;
  return { values: pick(s.values), mins: pick(s.mins), maxs: pick(s.maxs), nonFinite: nonFinite ? Uint32Array.from(kept, (i) => nonFinite[i]) : null };
}

function sortAll(lines: ChartLine[]): ChartLine[] {
  for (let i = 0; i < lines.length; i++) {
    if (!isSorted(lines[i].xs, lines[i].length)) lines[i] = sortLine(lines[i]);
  }
  return lines;
}

function mapX(s: SeriesColumns, start: number, n: number, mode: XAxisMode, runStartMs: number): Float64Array {
  if (mode === 'step') return s.steps.subarray(start, start + n);
  const xs = new Float64Array(n);
  // uPlot's time axis counts seconds; relative time is seconds since the run started.
  const offset = mode === 'relative' ? runStartMs : 0;
  for (let i = 0; i < n; i++) xs[i] = (s.times[start + i] - offset) / 1000;
  return xs;
}

export function isSorted(xs: Float64Array, n: number): boolean {
  for (let i = 1; i < n; i++) if (!(xs[i] > xs[i - 1])) return false;
  return true;
}

/** A line whose x values do not strictly increase (clock steps back): sorted, later duplicates winning. */
export function sortLine(line: ChartLine): ChartLine {
  const order = Array.from({ length: line.length }, (_, i) => i).sort((a, b) => line.xs[a] - line.xs[b] || a - b);
  const keep: number[] = [];
  for (const i of order) {
    if (keep.length > 0 && line.xs[keep[keep.length - 1]] === line.xs[i]) keep[keep.length - 1] = i;
    else keep.push(i);
  }
  const pick = <T extends Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
    const out = make(keep.length);
    keep.forEach((i, j) => (out[j] = a[i]));
    return out;
  };
  const f64 = (n: number) => new Float64Array(n);
  return {
    ...line,
    xs: pick(line.xs, f64),
    values: pick(line.values, f64),
    mins: pick(line.mins, f64),
    maxs: pick(line.maxs, f64),
    nonFinite: line.nonFinite ? pick(line.nonFinite, (n) => new Uint32Array(n)) : null,
    length: keep.length,
  };
}

/**
 * uPlot wants one shared x column. Lines are merged on the union of their x values; a line without a point at some
 * x gets `undefined` there (uPlot draws across it), while a non-finite value becomes `null` (a real break, shown
 * with a marker). A value that a log scale cannot show is a break too.
 */
export function align(lines: ChartLine[], logScale: boolean): uPlot.AlignedData {
  for (let i = 0; i < lines.length; i++) {
    if (!isSorted(lines[i].xs, lines[i].length)) lines[i] = sortLine(lines[i]);
  }
  if (lines.length === 0) return [new Float64Array(0)];

  let xs: Float64Array;
  const first = lines[0];
  const shared = lines.every((l) => l.xs === first.xs || (l.length === first.length && sameValues(l.xs, first.xs, first.length)));
  if (shared) {
    xs = first.xs;
  } else {
    xs = unionOfXs(lines);
  }

  const columns: ((number | null | undefined)[] | Float64Array)[] = [];
  for (const l of lines) {
    // Sharing the x column and all drawable: uPlot takes the values as they are, with no copy and no boxing.
    if (shared && allDrawable(l.values, l.length, logScale)) {
      columns.push(l.values.length === l.length ? l.values : l.values.subarray(0, l.length));
      continue;
    }
    const ys: (number | null | undefined)[] = new Array(xs.length).fill(undefined);
    let j = 0;
    for (let i = 0; i < l.length; i++) {
      const x = l.xs[i];
      while (xs[j] < x) j++;
      const v = l.values[i];
      ys[j] = Number.isFinite(v) && (!logScale || v > 0) ? v : null;
    }
    columns.push(ys);
  }
  return [xs, ...columns];
}

function allDrawable(values: Float64Array, n: number, logScale: boolean): boolean {
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || (logScale && v <= 0)) return false;
  }
  return true;
}

function sameValues(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
