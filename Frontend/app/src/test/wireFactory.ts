import type { RunMeta, WireSeriesPoints } from '../wire/types';

/** A wire series whose value at step s is `value(s)`, one point per step given. */
export function wireSeries(runId: string, metric: string, steps: number[], value: (step: number) => number | string = (s) => s / 10,
  extra: Partial<WireSeriesPoints> = {}): WireSeriesPoints {
  const values = steps.map(value);
  return {
    run_id: runId,
    series_id: metric,
    metric,
    steps,
    times_ms: steps.map((s) => 1_700_000_000_000 + s * 1000),
    values,
    mins: values,
    maxs: values,
    total_points: steps.length,
    bucket_width: 1,
    ...extra,
  };
}

export function runMeta(runId: string, active = true, lastEvent = '2026-11-25T10:00:00.000Z'): RunMeta {
  return { run_id: runId, source: 'clickhouse', start_time: '2026-11-25T08:00:00.000Z', last_event_time: lastEvent, latest_step: 100, is_active: active };
}
