import { useMemo } from 'react';
import { useDashboard } from '../state/dashboardStore';
import { isRunSelected, RANGE_MS } from '../state/viewState';
import type { RunMeta } from '../wire/types';
import { useNow } from './useNow';

export interface VisibleRuns {
  /** Runs with activity inside the time range, most recent first. */
  inRange: RunMeta[];
  /** Those of them the user has selected. */
  selected: ReadonlySet<string>;
  byId: ReadonlyMap<string, RunMeta>;
}

export function useVisibleRuns(): VisibleRuns {
  const runs = useDashboard((s) => s.runs);
  const range = useDashboard((s) => s.view.range);
  const selection = useDashboard((s) => s.view.selection);
  const now = useNow(30_000);
  return useMemo(() => {
    const window = RANGE_MS[range];
    const inRange = window === null ? runs : runs.filter((run) => Date.parse(run.last_event_time) >= now - window);
    const selected = new Set(inRange.filter((run) => isRunSelected(selection, run.run_id)).map((run) => run.run_id));
    return { inRange, selected, byId: new Map(runs.map((run) => [run.run_id, run])) };
  }, [runs, range, selection, now]);
}
