import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { SeriesColumns } from '../data/seriesColumns';
import type { XAxisMode } from '../state/viewState';
import type { RunMeta } from '../wire/types';
import { fetchZoomDetail } from './zoom';

export interface Zoom {
  range: [number, number];
  /** Full resolution of the range per series, once it arrived. */
  detail: Map<string, SeriesColumns> | null;
  error?: string;
}

/** A chart's zoom: the x range dragged, then the full-resolution points of each shown run within it. */
export function useZoom(metric: string, xAxis: XAxisMode, byId: ReadonlyMap<string, RunMeta>, shownRuns: () => string[], chart: RefObject<HTMLElement | null>) {
  const [zoom, setZoom] = useState<Zoom | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  const onZoom = useCallback(
    (min: number, max: number) => {
      abortRef.current?.abort();
      const abort = new AbortController();
      abortRef.current = abort;
      setZoom({ range: [min, max], detail: null });
      const runs = shownRuns().map((runId) => {
        const run = byId.get(runId);
        return { runId, startMs: run ? Date.parse(run.start_time) : 0 };
      });
      const width = chart.current?.clientWidth ?? 600;
      fetchZoomDetail(metric, runs, xAxis, min, max, Math.max(500, width * 2), abort.signal)
        .then((detail) => !abort.signal.aborted && setZoom({ range: [min, max], detail }))
        .catch((error: unknown) => {
          if (!abort.signal.aborted) setZoom({ range: [min, max], detail: null, error: (error as Error).message ?? String(error) });
        });
    },
    [metric, xAxis, byId, shownRuns, chart],
  );

  const onResetZoom = useCallback(() => {
    abortRef.current?.abort();
    setZoom(null);
  }, []);

  useEffect(() => () => abortRef.current?.abort(), []);
  return { zoom, onZoom, onResetZoom };
}
