import { fetchMetrics, type MetricsRange } from '../api/rest';
import { columnsFromMessage, runSeriesKey, type SeriesColumns } from '../data/seriesColumns';
import type { XAxisMode } from '../state/viewState';
import { toColumns } from '../wire/toColumns';

/**
 * Full resolution for a zoomed x range: one /metrics request per run, the range translated from the chart's x
 * axis (steps, wall seconds, or seconds since each run's start) into the API's step or time bounds.
 */
export async function fetchZoomDetail(
  metric: string,
  runs: readonly { runId: string; startMs: number }[],
  xAxis: XAxisMode,
  min: number,
  max: number,
  maxPoints: number,
  signal: AbortSignal,
): Promise<Map<string, SeriesColumns>> {
  return fetchDetail(
    metric,
    runs.map(({ runId, startMs }) => ({
      runId,
      range:
        xAxis === 'step'
          ? { fromStep: Math.max(0, min), toStep: Math.max(0, max), maxPoints }
          : xAxis === 'wall'
            ? { fromTimeMs: min * 1000, toTimeMs: max * 1000, maxPoints }
            : { fromTimeMs: startMs + min * 1000, toTimeMs: startMs + max * 1000, maxPoints },
    })),
    signal,
  );
}

/**
 * Full resolution for a zoom on a metric x axis: the chart's metric and the x metric over each run's step range
 * in which the x metric crosses the zoomed range, both by `runSeriesKey`, to be joined on step again.
 */
export async function fetchMetricXDetail(
  metric: string,
  xMetric: string,
  runs: readonly { runId: string; steps: [number, number] }[],
  maxPoints: number,
  signal: AbortSignal,
): Promise<Map<string, SeriesColumns>> {
  const requests = runs.map(({ runId, steps }) => ({ runId, range: { fromStep: steps[0], toStep: steps[1], maxPoints } }));
  const [ys, xs] = await Promise.all([fetchDetail(metric, requests, signal), fetchDetail(xMetric, requests, signal)]);
  return new Map([...xs, ...ys]);
}

/** Full resolution of one metric for each run within its range, by `runSeriesKey`. */
export async function fetchDetail(
  metric: string,
  requests: readonly { runId: string; range: MetricsRange }[],
  signal: AbortSignal,
): Promise<Map<string, SeriesColumns>> {
  const detail = new Map<string, SeriesColumns>();
  const answers = await Promise.all(requests.map(({ runId, range }) => fetchMetrics(runId, metric, range, signal)));
  for (const answer of answers) {
    for (const wire of answer.series) {
      const columns = columnsFromMessage(toColumns(wire, 'replace'));
      detail.set(runSeriesKey(wire.run_id, wire.series_id), columns);
    }
  }
  return detail;
}
