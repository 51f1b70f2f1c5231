import { describe, expect, it } from 'vitest';
import { SeriesStore } from '../data/seriesStore';
import { runSeriesKey } from '../data/seriesColumns';
import { useDashboard } from '../state/dashboardStore';
import { runMeta, wireSeries } from '../test/wireFactory';
import { toColumns } from '../wire/toColumns';
import { applyStreamOutput } from './applyOutput';

describe('applyStreamOutput', () => {
  it('replaces runs and series on a snapshot and measures delta lag', () => {
    const store = new SeriesStore();
    applyStreamOutput({ kind: 'snapshot', seq: 1, runs: [runMeta('r1')], series: [toColumns(wireSeries('r1', 'loss', [0]))], bytes: 10 }, store, useDashboard.getState, () => 5000);
    applyStreamOutput({ kind: 'delta', seq: 2, publishedMs: 4200, series: [toColumns(wireSeries('r1', 'loss', [1]), 'tail')] }, store, useDashboard.getState, () => 5000);

    expect(useDashboard.getState().runs.map((r) => r.run_id)).toEqual(['r1']);
    expect(store.get(runSeriesKey('r1', 'loss'))!.length).toBe(1);
    expect(useDashboard.getState().lastDeltaLagMs).toBe(800);
    expect(useDashboard.getState().catalogVersion).toBe(store.catalogVersion);
  });

  it('on runs_meta, lists runs newest first, logs arrivals and departures, and drops series of removed runs', () => {
    const store = new SeriesStore();
    applyStreamOutput({ kind: 'snapshot', seq: 1, runs: [runMeta('a'), runMeta('b')], series: [toColumns(wireSeries('a', 'loss', [0])), toColumns(wireSeries('b', 'loss', [0]))], bytes: 1 }, store, useDashboard.getState);

    applyStreamOutput({ kind: 'runs_meta', seq: 2, runs: [runMeta('a', false, '2026-11-25T09:00:00.000Z'), runMeta('c', true, '2026-11-25T11:00:00.000Z')] }, store, useDashboard.getState);

    const state = useDashboard.getState();
    expect(state.runs.map((r) => r.run_id)).toEqual(['c', 'a']);
    expect(store.seriesOf('loss').map((s) => s.runId)).toEqual(['a']);
    const messages = state.activity.map((e) => e.message);
    expect(messages).toContain('New run c (clickhouse)');
    expect(messages).toContain('Run a went quiet at step 100');
    expect(messages).toContain('Run b is gone from the source');
  });
});
