import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { seriesStore } from '../data/seriesStore';
import type { SeriesColumns } from '../data/seriesColumns';
import type { XAxisMode } from '../state/viewState';
import type { RunMeta } from '../wire/types';
import { stepRangeWithin } from './metricX';
import { fetchMetricXDetail, fetchZoomDetail } from './zoom';
import { zoomMemory } from './zoomMemory';

export interface Zoom {
  range: [number, number];
  /** Full resolution of the range per series (by `runSeriesKey`), once it arrived. */
  detail: Map<string, SeriesColumns> | null;
  error?: string;
}

export interface ZoomAxis {
  xAxis: XAxisMode;
  xMetric: string | null;
  /** Names the chart among those that share a zoom (the grid's card and the enlarged one). */
  memoryKey: string;
}

/**
 * A chart's zoom: the x range dragged, then the full-resolution points of each shown run within it. The range is
 * remembered per chart and axis, so the grid's card and the enlarged one zoom together.
 */
export function useZoom(metric: string, axis: ZoomAxis, byId: ReadonlyMap<string, RunMeta>, shownRuns: () => string[], chart: RefObject<HTMLElement | null>) {
  const { xAxis, xMetric, memoryKey } = axis;
  const [zoom, setZoom] = useState<Zoom | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  const load = useCallback(
    (min: number, max: number) => {
      abortRef.current?.abort();
      const abort = new AbortController();
      abortRef.current = abort;
      setZoom({ range: [min, max], detail: null });
      const width = chart.current?.clientWidth ?? 600;
      const maxPoints = Math.max(500, width * 2);
      let request: Promise<Map<string, SeriesColumns>>;
      if (xMetric) {
        const xSeries = seriesStore.seriesOf(xMetric);
        const runs = shownRuns().flatMap((runId) => {
          const x = xSeries.find((s) => s.runId === runId && s.seriesId === s.metric) ?? xSeries.find((s) => s.runId === runId);
          const steps = x ? stepRangeWithin(x, min, max) : null;
          return steps ? [{ runId, steps }] : [];
        });
        request = fetchMetricXDetail(metric, xMetric, runs, maxPoints, abort.signal);
      } else {
        const runs = shownRuns().map((runId) => {
          const run = byId.get(runId);
          return { runId, startMs: run ? Date.parse(run.start_time) : 0 };
        });
        request = fetchZoomDetail(metric, runs, xAxis, min, max, maxPoints, abort.signal);
      }
      request
        .then((detail) => !abort.signal.aborted && setZoom({ range: [min, max], detail }))
        .catch((error: unknown) => {
          if (!abort.signal.aborted) setZoom({ range: [min, max], detail: null, error: (error as Error).message ?? String(error) });
        });
    },
    [metric, xAxis, xMetric, byId, shownRuns, chart],
  );

  const clear = useCallback(() => {
    abortRef.current?.abort();
    setZoom(null);
  }, []);

  const loadRef = useRef(load);
  loadRef.current = load;
  // Mounting (an enlarged chart) or changing axis takes the remembered zoom of this chart on that axis, if any.
  useEffect(() => {
    const apply = (range: [number, number] | null) => (range ? loadRef.current(range[0], range[1]) : clear());
    apply(zoomMemory.get(memoryKey));
    return zoomMemory.subscribe(memoryKey, apply);
  }, [memoryKey, clear]);

  const onZoom = useCallback((min: number, max: number) => zoomMemory.set(memoryKey, [min, max]), [memoryKey]);
  const onResetZoom = useCallback(() => zoomMemory.set(memoryKey, null), [memoryKey]);

  useEffect(() => () => abortRef.current?.abort(), []);
  return { zoom, onZoom, onResetZoom };
}
