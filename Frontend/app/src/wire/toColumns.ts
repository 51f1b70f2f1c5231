import type { ColumnsMessage, SeriesOpName } from '../data/seriesColumns';
import { toNumber } from './numbers';
import type { WireNumber, WireSeriesPoints } from './types';

const NO_DEVICE = 65535;

/** A wire series as columns of typed arrays (all of one length, short arrays cut to the shortest). */
export function toColumns(wire: WireSeriesPoints, defaultOp: SeriesOpName = 'replace'): ColumnsMessage {
  return toColumnsBatch([wire], defaultOp)[0];
}

/**
 * Many wire series as columns that share one buffer (and one more for non-finite counts): a delta of 600 series
 * then crosses from the worker as two transferred buffers instead of three thousand, each of which costs the
 * browser a detach and a re-attach.
 */
export function toColumnsBatch(wires: readonly WireSeriesPoints[], defaultOp: SeriesOpName): ColumnsMessage[] {
  const lengths = wires.map((w) => Math.min(w.steps.length, w.times_ms.length, w.values.length, w.mins.length, w.maxs.length));
  let total = 0;
  let counted = 0;
  wires.forEach((w, i) => {
    total += lengths[i];
    if (w.non_finite && w.non_finite.length > 0) counted += lengths[i];
  });
  const floats = new Float64Array(total * 5);
  const counts = counted > 0 ? new Uint32Array(counted) : null;
  let at = 0;
  let countAt = 0;
  return wires.map((wire, index) => {
    const n = lengths[index];
    const column = (values: readonly WireNumber[]) => {
      const view = floats.subarray(at, at + n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        view[i] = typeof v === 'number' ? v : toNumber(v);
      }
      at += n;
      return view;
    };
    const op = wire.op === 'tail' || wire.op === 'replace' || wire.op === 'coarsen' ? wire.op : defaultOp;
    let nonFinite: Uint32Array | null = null;
    if (counts && wire.non_finite && wire.non_finite.length > 0) {
      nonFinite = counts.subarray(countAt, countAt + n);
      for (let i = 0; i < n && i < wire.non_finite.length; i++) nonFinite[i] = wire.non_finite[i] | 0;
      countAt += n;
    }
    return {
      runId: wire.run_id,
      seriesId: wire.series_id,
      metric: wire.metric,
      host: wire.host ?? '',
      rank: wire.rank ?? 0,
      device: wire.device ?? NO_DEVICE,
      op,
      fromStep: op === 'replace' ? 0 : (wire.from_step ?? 0),
      totalPoints: wire.total_points ?? n,
      bucketWidth: wire.bucket_width ?? 1,
      steps: column(wire.steps),
      times: column(wire.times_ms),
      values: column(wire.values),
      mins: column(wire.mins),
      maxs: column(wire.maxs),
      nonFinite,
    };
  });
}

/** Every buffer of the messages, to hand to postMessage as transferables (no copy across threads). */
export function transferablesOf(messages: readonly ColumnsMessage[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const m of messages) {
    for (const column of [m.steps, m.times, m.values, m.mins, m.maxs, m.nonFinite]) {
      if (column) buffers.add(column.buffer as ArrayBuffer);
    }
  }
  return Array.from(buffers);
}
