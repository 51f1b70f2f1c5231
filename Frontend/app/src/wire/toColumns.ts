import type { ColumnsMessage } from '../data/seriesColumns';
import { toFloat64 } from './numbers';
import type { WireSeriesPoints } from './types';

const NO_DEVICE = 65535;

/** A wire series as columns of typed arrays (all of one length, short arrays cut to the shortest). */
export function toColumns(wire: WireSeriesPoints, defaultOp: 'tail' | 'replace' = 'replace'): ColumnsMessage {
  const n = Math.min(wire.steps.length, wire.times_ms.length, wire.values.length, wire.mins.length, wire.maxs.length);
  const cut = <T extends { slice(a: number, b: number): T; length: number }>(a: T): T => (a.length === n ? a : a.slice(0, n));
  const op = wire.op === 'tail' || wire.op === 'replace' ? wire.op : defaultOp;
  let nonFinite: Uint32Array | null = null;
  if (wire.non_finite && wire.non_finite.length > 0) {
    nonFinite = new Uint32Array(n);
    for (let i = 0; i < n && i < wire.non_finite.length; i++) nonFinite[i] = wire.non_finite[i] | 0;
  }
  return {
    runId: wire.run_id,
    series: wire.series,
    metric: wire.metric,
    host: wire.host ?? '',
    rank: wire.rank ?? 0,
    device: wire.device ?? NO_DEVICE,
    op,
    fromStep: op === 'tail' ? (wire.from_step ?? 0) : 0,
    totalPoints: wire.total_points ?? n,
    bucketWidth: wire.bucket_width ?? 1,
    steps: cut(toFloat64(wire.steps)),
    times: cut(toFloat64(wire.times_ms)),
    values: cut(toFloat64(wire.values)),
    mins: cut(toFloat64(wire.mins)),
    maxs: cut(toFloat64(wire.maxs)),
    nonFinite,
  };
}

/** Every buffer of the messages, to hand to postMessage as transferables (no copy across threads). */
export function transferablesOf(messages: readonly ColumnsMessage[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const m of messages) {
    buffers.push(m.steps.buffer as ArrayBuffer, m.times.buffer as ArrayBuffer, m.values.buffer as ArrayBuffer,
      m.mins.buffer as ArrayBuffer, m.maxs.buffer as ArrayBuffer);
    if (m.nonFinite) buffers.push(m.nonFinite.buffer as ArrayBuffer);
  }
  return buffers;
}
