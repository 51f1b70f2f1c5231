import { useEffect, useMemo, useState, type RefObject } from 'react';
import { seriesStore } from '../data/seriesStore';
import type { SeriesColumns } from '../data/seriesColumns';
import { RANGE_MS, type RangeId } from '../state/viewState';
import { fetchDetail } from './zoom';

/**
 * A time window (1h, 6h, …) over a long run holds few of the decimated live points: fetch the window at full
 * resolution once per run whose points are coarser than that, and let the live points append after it.
 */
export function useWindowDetail(metric: string, range: RangeId, selected: ReadonlySet<string>, chart: RefObject<HTMLElement | null>) {
  const [detail, setDetail] = useState<Map<string, SeriesColumns> | null>(null);
  const selectedKey = useMemo(() => Array.from(selected).sort().join('\n'), [selected]);
  useEffect(() => {
    const windowMs = RANGE_MS[range];
    setDetail(null);
    if (windowMs === null) return;
    const from = Date.now() - windowMs;
    const runs = new Set<string>();
    for (const s of seriesStore.seriesOf(metric)) {
      if (selected.has(s.runId) && s.bucketWidth > 1 && s.length > 0 && s.times[0] < from) runs.add(s.runId);
    }
    if (runs.size === 0) return;
    const abort = new AbortController();
    const maxPoints = Math.max(500, (chart.current?.clientWidth ?? 600) * 2);
    fetchDetail(metric, Array.from(runs, (runId) => ({ runId, range: { fromTimeMs: from, maxPoints } })), abort.signal)
      .then((answer) => !abort.signal.aborted && setDetail(answer))
      .catch(() => {
        // The decimated live points still show the window.
      });
    return () => abort.abort();
    // selectedKey stands for the selected runs, whose Set is rebuilt on every runs_meta.
  }, [metric, range, selectedKey]);
  return detail;
}
