import { describe, expect, it, vi } from 'vitest';
import { wireSeries, runMeta } from '../test/wireFactory';
import { toColumns } from '../wire/toColumns';
import { SeriesStore } from './seriesStore';
import { runSeriesKey } from './seriesColumns';

const values = (store: SeriesStore, runId: string, seriesId: string) => {
  const s = store.get(runSeriesKey(runId, seriesId))!;
  return { steps: Array.from(s.steps.subarray(0, s.length)), values: Array.from(s.values.subarray(0, s.length)) };
};

describe('SeriesStore', () => {
  it('takes a snapshot as the whole state, dropping what it held before', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('old', 'loss', [0, 1]))]);
    store.applySnapshot([toColumns(wireSeries('r1', 'loss', [0, 1, 2])), toColumns(wireSeries('r2', 'loss', [0, 5]))]);

    expect(store.size).toBe(2);
    expect(store.get(runSeriesKey('old', 'loss'))).toBeUndefined();
    expect(values(store, 'r1', 'loss')).toEqual({ steps: [0, 1, 2], values: [0, 0.1, 0.2] });
    expect(store.seriesOf('loss').map((s) => s.runId).sort()).toEqual(['r1', 'r2']);
  });

  it('applies a tail by dropping points at and after from_step, then appending', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('r1', 'loss', [0, 10, 20, 30]))]);

    store.applyDelta([toColumns(wireSeries('r1', 'loss', [20, 25, 40], (s) => s, { op: 'tail', from_step: 20, total_points: 9 }))]);

    expect(values(store, 'r1', 'loss')).toEqual({ steps: [0, 10, 20, 25, 40], values: [0, 1, 20, 25, 40] });
    expect(store.get(runSeriesKey('r1', 'loss'))!.totalPoints).toBe(9);
  });

  it('applies a tail past the end as a plain append, growing capacity', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('r1', 'loss', [0]))]);
    for (let step = 1; step <= 100; step++) {
      store.applyDelta([toColumns(wireSeries('r1', 'loss', [step], (s) => s, { op: 'tail', from_step: step }))]);
    }

    const s = store.get(runSeriesKey('r1', 'loss'))!;
    expect(s.length).toBe(101);
    expect(s.steps[100]).toBe(100);
    expect(s.values[100]).toBe(100);
  });

  it('applies a replace as the new whole series', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('r1', 'loss', [0, 1, 2, 3]))]);

    store.applyDelta([toColumns(wireSeries('r1', 'loss', [0, 2], (s) => s * 2, { op: 'replace', bucket_width: 2 }))]);

    expect(values(store, 'r1', 'loss')).toEqual({ steps: [0, 2], values: [0, 4] });
    expect(store.get(runSeriesKey('r1', 'loss'))!.bucketWidth).toBe(2);
  });

  it('keeps non-finite values and their per-bucket counts through a tail', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('r1', 'loss', [0, 1]))]);

    store.applyDelta([toColumns(wireSeries('r1', 'loss', [2, 3], (s) => (s === 2 ? 'NaN' : '-Infinity'), { op: 'tail', from_step: 2, non_finite: [1, 4] }))]);

    const s = store.get(runSeriesKey('r1', 'loss'))!;
    expect(Number.isNaN(s.values[2])).toBe(true);
    expect(s.values[3]).toBe(-Infinity);
    expect(Array.from(s.nonFinite!.subarray(0, s.length))).toEqual([0, 0, 1, 4]);
  });

  it('creates a series that a delta names for the first time and tells the catalog', () => {
    const store = new SeriesStore();
    store.applySnapshot([]);
    const catalog = vi.fn();
    store.subscribeCatalog(catalog);

    store.applyDelta([toColumns(wireSeries('r1', 'tokens', [5, 6], (s) => s, { op: 'tail', from_step: 5 }))]);

    expect(values(store, 'r1', 'tokens').steps).toEqual([5, 6]);
    expect(catalog).toHaveBeenCalledTimes(1);
  });

  it('notifies only the listeners of the metrics a delta touched', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('r1', 'loss', [0])), toColumns(wireSeries('r1', 'lr', [0]))]);
    const loss = vi.fn();
    const lr = vi.fn();
    store.subscribeMetric('loss', loss);
    store.subscribeMetric('lr', lr);

    store.applyDelta([toColumns(wireSeries('r1', 'loss', [1], (s) => s, { op: 'tail', from_step: 1 }))]);

    expect(loss).toHaveBeenCalledTimes(1);
    expect(lr).not.toHaveBeenCalled();
  });

  it('drops the series of runs that runs_meta no longer lists', () => {
    const store = new SeriesStore();
    store.applySnapshot([toColumns(wireSeries('keep', 'loss', [0])), toColumns(wireSeries('gone', 'loss', [0]))]);

    store.retainRuns([runMeta('keep')]);

    expect(store.seriesOf('loss').map((s) => s.runId)).toEqual(['keep']);
  });
});

describe('appendLiveAfter', () => {
  it('takes the detail, then only the live points after its last step', async () => {
    const { appendLiveAfter, columnsFromMessage } = await import('./seriesColumns');
    const detail = columnsFromMessage(toColumns(wireSeries('r1', 'loss', [10, 11, 12, 13])));
    const live = columnsFromMessage(toColumns(wireSeries('r1', 'loss', [0, 8, 16, 24])));

    const joined = appendLiveAfter(detail, live);

    expect(Array.from(joined.steps)).toEqual([10, 11, 12, 13, 16, 24]);
    expect(Array.from(joined.values)).toEqual([1, 1.1, 1.2, 1.3, 1.6, 2.4]);
    expect(joined.runSeriesKey).toBe(live.runSeriesKey);
  });
});
