import { describe, expect, it } from 'vitest';
import recorded from '../test/coarsenSequences.json?raw';
import { wireSeries } from '../test/wireFactory';
import { toColumns } from '../wire/toColumns';
import type { WireSeriesPoints } from '../wire/types';
import { runSeriesKey, type SeriesColumns } from './seriesColumns';
import { SeriesStore } from './seriesStore';

interface RecordedSequences {
  scenarios: { name: string; steps: { message: WireSeriesPoints; expected?: WireSeriesPoints }[] }[];
}

const COLUMNS = ['steps', 'times', 'values', 'mins', 'maxs'] as const;

/** Every column of the held series against the expected points, bit for bit (Object.is tells 0 from -0). */
function mismatch(held: SeriesColumns, expected: WireSeriesPoints): string | null {
  const want = toColumns(expected);
  if (held.length !== want.steps.length) return `${held.length} points held, ${want.steps.length} expected`;
  if (held.bucketWidth !== want.bucketWidth) return `width ${held.bucketWidth}, expected ${want.bucketWidth}`;
  for (const column of COLUMNS) {
    for (let i = 0; i < held.length; i++) {
      if (!Object.is(held[column][i], want[column][i])) return `${column}[${i}] is ${held[column][i]}, expected ${want[column][i]}`;
    }
  }
  for (let i = 0; i < held.length; i++) {
    const count = held.nonFinite ? held.nonFinite[i] : 0;
    const wanted = want.nonFinite ? want.nonFinite[i] : 0;
    if (count !== wanted) return `non_finite[${i}] is ${count}, expected ${wanted}`;
  }
  return null;
}

describe('applyCoarsen', () => {
  const { scenarios } = JSON.parse(recorded) as RecordedSequences;

  it.each(scenarios.map((s) => [s.name, s] as const))('ends with exactly the decimator\'s points: %s', (_name, scenario) => {
    const store = new SeriesStore();
    let coarsens = 0;
    scenario.steps.forEach(({ message, expected }, index) => {
      store.applyDelta([toColumns(message)]);
      if (message.op === 'coarsen') coarsens++;
      if (expected) {
        const held = store.get(runSeriesKey(message.run_id, message.series_id))!;
        expect(mismatch(held, expected), `after message ${index} (${message.op})`).toBeNull();
      }
    });
    expect(coarsens).toBeGreaterThanOrEqual(3);
  });

  it('merges sparse buckets over several doublings, keeping the first, the last and the largest triangle', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('r1', 'loss', [0, 8, 16, 24], (s) => s))]);

    store.applyDelta([toColumns(wireSeries('r1', 'loss', [24, 32], (s) => (s === 32 ? -1 : s), { op: 'coarsen', from_step: 16, bucket_width: 16, total_points: 5 }))]);

    const held = store.get(runSeriesKey('r1', 'loss'))!;
    expect(Array.from(held.steps.subarray(0, held.length))).toEqual([0, 24, 32]);
    expect(held.bucketWidth).toBe(16);
    expect(held.totalPoints).toBe(5);
  });

  it('sums non-finite counts and keeps the first non-finite point of a bucket without a finite value', () => {
    const store = new SeriesStore();
    store.applySnapshot([
      toColumns(wireSeries('r1', 'loss', [0, 1, 2, 3], (s) => [1, 'Infinity', 'NaN', 'NaN'][s], { non_finite: [0, 1, 1, 1] })),
    ]);

    store.applyDelta([toColumns(wireSeries('r1', 'loss', [4], () => 2, { op: 'coarsen', from_step: 4, bucket_width: 2, total_points: 5 }))]);

    const held = store.get(runSeriesKey('r1', 'loss'))!;
    expect(Array.from(held.steps.subarray(0, held.length))).toEqual([0, 2, 4]);
    expect(Array.from(held.values.subarray(0, held.length))).toEqual([1, NaN, 2]);
    expect(Array.from(held.mins.subarray(0, held.length))).toEqual([1, NaN, 2]);
    expect(Array.from(held.nonFinite!.subarray(0, held.length))).toEqual([1, 2, 0]);
  });
});
