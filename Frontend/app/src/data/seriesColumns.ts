/** Which series: its run, its id within the run, and the labels the id is made of (docs/protocol.md, the series model). */
export interface SeriesIdentity {
  readonly runId: string;
  /** The series id within the run: the metric name, followed by its labels where they are given. */
  readonly seriesId: string;
  readonly metric: string;
  readonly host: string;
  readonly rank: number;
  readonly device: number;
}

/** Points as columns: index i of every array is one point (one bucket). */
export interface PointColumns {
  /** Raw points the series has received in all (not the number of points held). */
  totalPoints: number;
  /** Steps per bucket: 1 means the series is not decimated. */
  bucketWidth: number;
  steps: Float64Array;
  times: Float64Array;
  values: Float64Array;
  mins: Float64Array;
  maxs: Float64Array;
  /** Non-finite raw values per bucket; null while no bucket had any. */
  nonFinite: Uint32Array | null;
}

/**
 * One series (one metric of one run, per host/rank/device) held as columns of typed arrays. Columns may be longer
 * than `length` (spare capacity for appends); only [0, length) is data.
 */
export interface SeriesColumns extends SeriesIdentity, PointColumns {
  /** The run id and the series id together (`runSeriesKey`): unique among every run's series. */
  readonly runSeriesKey: string;
  length: number;
  /** Bumped on every change, so a chart can tell whether what it drew is current. */
  version: number;
}

/** How a delta changes a series (docs/protocol.md). */
export type SeriesOpName = 'tail' | 'replace' | 'coarsen';

/** A series or a change to it, as it crosses from the stream worker: columns exactly as long as its points. */
export interface ColumnsMessage extends SeriesIdentity, PointColumns {
  op: SeriesOpName;
  /** With "tail" and "coarsen": drop the points at and after this step before appending. */
  fromStep: number;
}

const KEY_SEPARATOR = '\u001f';

/** Room for this many appended points after a snapshot or replace, before a tail has to grow the arrays. */
export const REPLACE_HEADROOM = 64;

/** The run id and the series id as one string: a run id holds no control character, so no two pairs share one. */
export function runSeriesKey(runId: string, seriesId: string): string {
  return runId + KEY_SEPARATOR + seriesId;
}

/**
 * A new series from a message. With `headroom` 0 it takes the message's arrays as they are; otherwise it copies
 * them into arrays of its own with room for `headroom` more points, so the tails that follow append in place and
 * the buffer the message came in (shared with hundreds of other series) can be freed.
 */
export function columnsFromMessage(message: ColumnsMessage, headroom = 0): SeriesColumns {
  const n = message.steps.length;
  const own = <T extends Float64Array | Uint32Array>(a: T, make: (size: number) => T): T => {
    if (headroom === 0) return a;
    const copy = make(n + headroom);
    copy.set(a);
    return copy;
  };
  const f64 = (size: number) => new Float64Array(size);
  return {
    runSeriesKey: runSeriesKey(message.runId, message.seriesId),
    runId: message.runId,
    seriesId: message.seriesId,
    metric: message.metric,
    host: message.host,
    rank: message.rank,
    device: message.device,
    totalPoints: message.totalPoints,
    bucketWidth: message.bucketWidth,
    length: n,
    steps: own(message.steps, f64),
    times: own(message.times, f64),
    values: own(message.values, f64),
    mins: own(message.mins, f64),
    maxs: own(message.maxs, f64),
    nonFinite: message.nonFinite ? own(message.nonFinite, (size) => new Uint32Array(size)) : null,
    version: 1,
  };
}

/** First index whose step is >= step (steps strictly increase), or length if none. */
export function lowerBound(steps: Float64Array, length: number, step: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function grow<T extends Float64Array | Uint32Array>(array: T, used: number, needed: number, make: (n: number) => T): T {
  if (array.length >= needed) return array;
  // Doubling keeps appends amortised O(1); a decimated series stays under its cap, so this settles quickly.
  const next = make(Math.max(needed, array.length * 2, 16));
  next.set(array.subarray(0, used));
  return next;
}

/**
 * Applies a "tail" change: drop every point with step >= fromStep, then append the message's points.
 * The live series' last bucket changes as points arrive, so this usually rewrites the last point or two.
 */
export function applyTail(target: SeriesColumns, message: ColumnsMessage): void {
  const keep = lowerBound(target.steps, target.length, message.fromStep);
  const added = message.steps.length;
  const needed = keep + added;
  const f64 = (n: number) => new Float64Array(n);
  target.steps = grow(target.steps, keep, needed, f64);
  target.times = grow(target.times, keep, needed, f64);
  target.values = grow(target.values, keep, needed, f64);
  target.mins = grow(target.mins, keep, needed, f64);
  target.maxs = grow(target.maxs, keep, needed, f64);
  target.steps.set(message.steps, keep);
  target.times.set(message.times, keep);
  target.values.set(message.values, keep);
  target.mins.set(message.mins, keep);
  target.maxs.set(message.maxs, keep);
  if (message.nonFinite || target.nonFinite) {
    const u32 = (n: number) => new Uint32Array(n);
    const counts = grow(target.nonFinite ?? new Uint32Array(needed), keep, needed, u32);
    if (message.nonFinite) counts.set(message.nonFinite, keep);
    else counts.fill(0, keep, needed);
    target.nonFinite = counts;
  }
  target.length = needed;
  target.totalPoints = message.totalPoints;
  target.bucketWidth = message.bucketWidth;
  target.version++;
}

/** Applies a "replace" change: the series becomes exactly the message's points. */
export function applyReplace(target: SeriesColumns, message: ColumnsMessage): void {
  const fresh = columnsFromMessage(message, REPLACE_HEADROOM);
  target.steps = fresh.steps;
  target.times = fresh.times;
  target.values = fresh.values;
  target.mins = fresh.mins;
  target.maxs = fresh.maxs;
  target.nonFinite = fresh.nonFinite;
  target.length = fresh.length;
  target.totalPoints = message.totalPoints;
  target.bucketWidth = message.bucketWidth;
  target.version++;
}

/** The index of the last point, or -1 for an empty series. */
export function lastIndex(series: SeriesColumns): number {
  return series.length - 1;
}

/**
 * Full-resolution history (from /metrics) followed by the live points that came after it: what a time window
 * shows, its older part detailed and its newest part live. A new series; neither input is changed.
 */
export function appendLiveAfter(detail: SeriesColumns, live: SeriesColumns): SeriesColumns {
  const lastStep = detail.length > 0 ? detail.steps[detail.length - 1] : -Infinity;
  let start = lowerBound(live.steps, live.length, lastStep);
  if (start < live.length && live.steps[start] === lastStep) start++;
  const tail = live.length - start;
  const n = detail.length + tail;
  const join = (a: Float64Array, b: Float64Array) => {
    const out = new Float64Array(n);
    out.set(a.subarray(0, detail.length));
    out.set(b.subarray(start, live.length), detail.length);
    return out;
  };
  let nonFinite: Uint32Array | null = null;
  if (detail.nonFinite || live.nonFinite) {
    nonFinite = new Uint32Array(n);
    if (detail.nonFinite) nonFinite.set(detail.nonFinite.subarray(0, detail.length));
    if (live.nonFinite) nonFinite.set(live.nonFinite.subarray(start, live.length), detail.length);
  }
  return {
    ...live,
    totalPoints: live.totalPoints,
    bucketWidth: Math.max(detail.bucketWidth, live.bucketWidth),
    length: n,
    steps: join(detail.steps, live.steps),
    times: join(detail.times, live.times),
    values: join(detail.values, live.values),
    mins: join(detail.mins, live.mins),
    maxs: join(detail.maxs, live.maxs),
    nonFinite,
    version: live.version,
  };
}
