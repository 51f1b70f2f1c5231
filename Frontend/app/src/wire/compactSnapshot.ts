import type { ColumnsMessage, SeriesIdentity } from '../data/seriesColumns';
import type { RunMeta } from './types';

/** What GET /snapshot answers (docs/protocol.md, "GET /snapshot"). */
export const COMPACT_SNAPSHOT_TYPE = 'application/vnd.training-dashboard.snapshot';

export interface CompactSnapshot {
  seq: number;
  runs: RunMeta[];
  series: ColumnsMessage[];
}

const MAGIC = [0x54, 0x44, 0x53, 0x31]; // "TDS1"
const BLOCK = 0xc1;
const MIN_DIFFERS = 1;
const MAX_DIFFERS = 2;
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
const utf8 = new TextDecoder();

interface Entry extends SeriesIdentity {
  totalPoints: number;
  bucketWidth: number;
  count: number;
  stepsAt: number;
  timesAt: number;
  stepWidth: number;
  timeWidth: number;
  flagsAt: number;
  nonFiniteAt: number;
  firstDouble: number;
  doubles: number;
}

/** Reads the layout within its bounds: anything that does not fit throws, so a bad answer never becomes bad data. */
class Reader {
  private readonly view: DataView;
  at = 0;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  take(length: number): number {
    if (length < 0 || this.at + length > this.bytes.length) throw new Error(`the compact snapshot ends early (offset ${this.at}, ${length} bytes wanted)`);
    const at = this.at;
    this.at += length;
    return at;
  }

  u8(): number {
    return this.view.getUint8(this.take(1));
  }

  u16(): number {
    return this.view.getUint16(this.take(2), true);
  }

  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }

  i64(): number {
    return Number(this.view.getBigInt64(this.take(8), true));
  }

  string(): string {
    const length = this.u32();
    const at = this.take(length);
    return utf8.decode(this.bytes.subarray(at, at + length));
  }

  /** An integer column's width, and where its first value starts; its bytes are skipped. */
  intColumn(count: number): [width: number, at: number] {
    const width = this.u8();
    if (width !== 1 && width !== 2 && width !== 4 && width !== 8) throw new Error(`an integer column is 1, 2, 4 or 8 bytes wide, not ${width}`);
    const at = this.at;
    if (count > 0) this.take(8 + (count - 1) * width);
    return [width, at];
  }

  /**
   * `count` doubles stored as 8 planes starting at `at` (plane k holds byte k, the lowest first, of every double),
   * assembled a 32-bit word at a time: twice as fast as a byte at a time, which counts on the first call (cold code).
   */
  planes(at: number, count: number): Float64Array {
    const doubles = new Float64Array(count);
    const words = new Uint32Array(doubles.buffer);
    const b = this.bytes;
    const [lo, hi] = LITTLE_ENDIAN ? [0, 1] : [1, 0];
    const p1 = at + count, p2 = at + 2 * count, p3 = at + 3 * count, p4 = at + 4 * count, p5 = at + 5 * count, p6 = at + 6 * count, p7 = at + 7 * count;
    for (let i = 0, w = 0; i < count; i++, w += 2) {
      words[w + lo] = b[at + i] | (b[p1 + i] << 8) | (b[p2 + i] << 16) | (b[p3 + i] << 24);
      words[w + hi] = b[p4 + i] | (b[p5 + i] << 8) | (b[p6 + i] << 16) | (b[p7 + i] << 24);
    }
    return doubles;
  }
}

/** Writes the integer column that starts at `at` (the first value, then differences of `width` bytes) into `out`. */
function readIntColumn(bytes: Uint8Array, view: DataView, at: number, width: number, out: Float64Array): void {
  const count = out.length;
  if (count === 0) return;
  let value = Number(view.getBigInt64(at, true));
  out[0] = value;
  let p = at + 8;
  // One loop per width, reading bytes rather than calling DataView per value: this runs before the code is warm.
  if (width === 1) {
    for (let i = 1; i < count; i++, p++) out[i] = value += (bytes[p] << 24) >> 24;
  } else if (width === 2) {
    for (let i = 1; i < count; i++, p += 2) out[i] = value += ((bytes[p] | (bytes[p + 1] << 8)) << 16) >> 16;
  } else if (width === 4) {
    for (let i = 1; i < count; i++, p += 4) out[i] = value += bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
  } else {
    for (let i = 1; i < count; i++, p += 8) out[i] = value += Number(view.getBigInt64(p, true));
  }
}

/**
 * Reads a compact snapshot into columns that share one buffer (and one more for non-finite counts), as a JSON
 * snapshot's are: they cross from the worker as two transferred buffers. Values are exact: every double arrives with
 * all its bits.
 */
export function readCompactSnapshot(buffer: ArrayBuffer): CompactSnapshot {
  const reader = new Reader(new Uint8Array(buffer));
  for (const byte of MAGIC) if (reader.u8() !== byte) throw new Error('not a compact snapshot (no "TDS1")');
  const headLength = reader.u32();
  const headAt = reader.take(headLength);
  const head = JSON.parse(utf8.decode(reader.bytes.subarray(headAt, headAt + headLength))) as { seq: number; runs?: RunMeta[] };
  if (!Number.isSafeInteger(head.seq)) throw new Error('the compact snapshot has no seq');
  const seriesCount = reader.u32();
  if (seriesCount > reader.bytes.length / 9) throw new Error(`${seriesCount} series cannot fit the compact snapshot`);

  const entries: Entry[] = [];
  let totalPoints = 0;
  let countedPoints = 0;
  let totalDoubles = 0;
  for (let s = 0; s < seriesCount; s++) {
    if (reader.u8() !== BLOCK) throw new Error('a series block starts with 0xC1');
    const fieldsLength = reader.u32();
    const doubles = reader.u32();
    const end = reader.at + fieldsLength;
    if (end > reader.bytes.length) throw new Error('a series block ends beyond the compact snapshot');
    const runId = reader.string();
    const seriesId = reader.string();
    const metric = reader.string();
    const host = reader.string();
    const rank = reader.u32();
    const device = reader.u16();
    const total = reader.i64();
    const width = reader.i64();
    const count = reader.u32();
    const [stepWidth, stepsAt] = reader.intColumn(count);
    const [timeWidth, timesAt] = reader.intColumn(count);
    const flagsAt = reader.take(count);
    if (doubles < count) throw new Error(`series ${seriesId} of run ${runId} holds ${doubles} doubles for ${count} points`);
    const nonFiniteAt = reader.u8() === 0 ? -1 : reader.take(4 * count);
    if (reader.at !== end) throw new Error(`series ${seriesId} of run ${runId} has fields of ${fieldsLength} bytes, not ${reader.at - (end - fieldsLength)}`);
    entries.push({ runId, seriesId, metric, host, rank, device, totalPoints: total, bucketWidth: width, count, stepsAt, timesAt, stepWidth, timeWidth, flagsAt, nonFiniteAt, firstDouble: totalDoubles, doubles });
    totalPoints += count;
    if (nonFiniteAt >= 0) countedPoints += count;
    totalDoubles += doubles;
  }
  if (reader.bytes.length - reader.at !== 8 * totalDoubles) throw new Error(`the series hold ${totalDoubles} doubles, but ${reader.bytes.length - reader.at} bytes follow them`);
  const all = reader.planes(reader.at, totalDoubles);

  const floats = new Float64Array(totalPoints * 5);
  const counts = countedPoints > 0 ? new Uint32Array(countedPoints) : null;
  const bytes = reader.bytes;
  const view = new DataView(buffer);
  let at = 0;
  let countAt = 0;
  const series = entries.map((e): ColumnsMessage => {
    const n = e.count;
    const column = () => {
      const view = floats.subarray(at, at + n);
      at += n;
      return view;
    };
    const steps = column();
    const times = column();
    const values = column();
    const mins = column();
    const maxs = column();
    readIntColumn(bytes, view, e.stepsAt, e.stepWidth, steps);
    readIntColumn(bytes, view, e.timesAt, e.timeWidth, times);
    values.set(all.subarray(e.firstDouble, e.firstDouble + n));
    mins.set(values);
    maxs.set(values);
    let extra = e.firstDouble + n;
    const doublesEnd = e.firstDouble + e.doubles;
    for (let i = 0, f = e.flagsAt; i < n; i++, f++) if (bytes[f] & MIN_DIFFERS) mins[i] = all[extra++];
    for (let i = 0, f = e.flagsAt; i < n; i++, f++) if (bytes[f] & MAX_DIFFERS) maxs[i] = all[extra++];
    if (extra !== doublesEnd) throw new Error(`series ${e.seriesId} of run ${e.runId} has flags for ${extra - e.firstDouble} doubles, not ${e.doubles}`);
    let nonFinite: Uint32Array | null = null;
    if (counts && e.nonFiniteAt >= 0) {
      nonFinite = counts.subarray(countAt, countAt + n);
      for (let i = 0; i < n; i++) nonFinite[i] = view.getInt32(e.nonFiniteAt + 4 * i, true);
      countAt += n;
    }
    return {
      runId: e.runId,
      seriesId: e.seriesId,
      metric: e.metric,
      host: e.host,
      rank: e.rank,
      device: e.device,
      op: 'replace',
      fromStep: 0,
      totalPoints: e.totalPoints,
      bucketWidth: e.bucketWidth,
      steps,
      times,
      values,
      mins,
      maxs,
      nonFinite,
    };
  });
  return { seq: head.seq, runs: head.runs ?? [], series };
}
