import type { SeriesColumns } from '../data/seriesColumns';

/** A run's points placed on another metric of the same run: the x of each point kept, and which points those are. */
export interface MetricXJoin {
  xs: Float64Array;
  /** Indexes (into the y columns) of the points that have an x, in step order. */
  kept: Uint32Array;
  /** Points left out because the x metric has no value at their step. */
  withoutX: number;
}

/**
 * Joins y points with an x metric on step. At a step where the x metric has a point, that point's value is the x;
 * between two of its points, x is interpolated linearly between them (a counter such as `tokens.total` grows
 * between its samples, and the decimated live series keeps fewer points than the y metric). Before the x metric's
 * first point, after its last, or next to a non-finite x, a point has no x and is left out (and counted).
 */
export function joinOnStep(
  ySteps: Float64Array,
  start: number,
  count: number,
  x: Pick<SeriesColumns, 'steps' | 'values' | 'length'> | null,
): MetricXJoin {
  const xs = new Float64Array(count);
  const kept = new Uint32Array(count);
  let n = 0;
  if (x && x.length > 0) {
    let j = 0;
    for (let i = start; i < start + count; i++) {
      const step = ySteps[i];
      while (j < x.length && x.steps[j] < step) j++;
      let value = NaN;
      if (j < x.length && x.steps[j] === step) value = x.values[j];
      else if (j > 0 && j < x.length) {
        const s0 = x.steps[j - 1];
        const s1 = x.steps[j];
        const v0 = x.values[j - 1];
        value = v0 + ((x.values[j] - v0) * (step - s0)) / (s1 - s0);
      }
      if (!Number.isFinite(value)) continue;
      xs[n] = value;
      kept[n] = i;
      n++;
    }
  }
  return { xs: xs.subarray(0, n), kept: kept.subarray(0, n), withoutX: count - n };
}

/**
 * The steps at which a run's x metric lies within [min, max] (a zoom on a metric x axis), as one step range for
 * the full-resolution request, or null when none does.
 */
export function stepRangeWithin(x: Pick<SeriesColumns, 'steps' | 'values' | 'length'>, min: number, max: number): [number, number] | null {
  let from = Infinity;
  let to = -Infinity;
  // Segment by segment: y points between two x points interpolate into the range even when neither x point is in it.
  for (let i = 0; i < x.length; i++) {
    const next = Math.min(x.length - 1, i + 1);
    const lo = Math.min(x.values[i], x.values[next]);
    const hi = Math.max(x.values[i], x.values[next]);
    if (!(hi >= min && lo <= max)) continue;
    from = Math.min(from, x.steps[i]);
    to = Math.max(to, x.steps[next]);
  }
  return from <= to ? [from, to] : null;
}

/** The series of the x metric that belongs with a y series: the same host, rank and device when it has them, else the run's plain one. */
export function matchingXSeries(candidates: readonly SeriesColumns[], y: SeriesColumns): SeriesColumns | null {
  const ofRun = candidates.filter((c) => c.runId === y.runId);
  return (
    ofRun.find((c) => c.host === y.host && c.rank === y.rank && c.device === y.device) ??
    ofRun.find((c) => c.seriesId === c.metric) ??
    ofRun[0] ??
    null
  );
}
