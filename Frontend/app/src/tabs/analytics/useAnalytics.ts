import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/rest';
import { analyticsApi, type AnalyticsStatus, type LossHistory, type LossStatistics, type TimestepList, type TimestepLosses } from '../../api/analytics';
import { useRunsMovedCount } from '../../hooks/useRunsMoved';
import { useDashboard } from '../../state/dashboardStore';

export interface AnalyticsData {
  status: AnalyticsStatus | null;
  current: TimestepLosses | null;
  history: LossHistory | null;
  stats: LossStatistics | null;
  timesteps: TimestepList | null;
  errors: string[];
  /** Every endpoint answered 404: there is no log-directory run (yet), which is not an error. */
  noRun: boolean;
  loading: boolean;
}

const EMPTY: AnalyticsData = { status: null, current: null, history: null, stats: null, timesteps: null, errors: [], noRun: false, loading: true };
/** Coalesces a burst of deltas into one refresh. */
const REFRESH_DELAY_MS = 1500;

/**
 * The loss analytics of one run, fetched when the run or history length changes and again whenever the stream
 * says the run moved (a delta touched it, or its metadata changed). Never on a timer.
 */
export function useAnalytics(runId: string | null, limit: number): AnalyticsData {
  const [data, setData] = useState<AnalyticsData>(EMPTY);
  const resolvedRun = useRef<string | null>(null);
  const runMeta = useDashboard((s) => s.runs.find((r) => r.run_id === (runId ?? resolvedRun.current)));
  const log = useDashboard((s) => s.log);

  const watches = useCallback(
    (runs: ReadonlySet<string>) => {
      const target = runId ?? resolvedRun.current;
      return target === null || runs.has(target);
    },
    [runId],
  );
  const bump = useRunsMovedCount(watches, REFRESH_DELAY_MS);

  const metaKey = runMeta ? `${runMeta.latest_step}|${runMeta.last_event_time}|${runMeta.is_active}` : '';

  useEffect(() => {
    const abort = new AbortController();
    const s = abort.signal;
    setData((d) => ({ ...d, loading: true }));
    Promise.allSettled([
      analyticsApi.status(runId, s),
      analyticsApi.current(runId, s),
      analyticsApi.history(runId, limit, s),
      analyticsApi.statistics(runId, s),
      analyticsApi.timesteps(runId, s),
    ]).then(([status, current, history, stats, timesteps]) => {
      if (s.aborted) return;
      const errors: string[] = [];
      let notFound = 0;
      const value = <T,>(r: PromiseSettledResult<T>, what: string): T | null => {
        if (r.status === 'fulfilled') return r.value;
        if ((r.reason as ApiError).status === 404) notFound++;
        errors.push(`${what}: ${(r.reason as Error).message}`);
        return null;
      };
      const next: AnalyticsData = {
        status: value(status, 'status'),
        current: value(current, 'current timestep'),
        history: value(history, 'history'),
        stats: value(stats, 'statistics'),
        timesteps: value(timesteps, 'timesteps'),
        errors: notFound === 5 ? [] : errors,
        noRun: notFound === 5,
        loading: false,
      };
      resolvedRun.current = next.status?.run_id ?? runId;
      setData(next);
      if (next.errors.length > 0) log('warn', `Loss analytics: ${next.errors.join('; ')}`);
    });
    return () => abort.abort();
  }, [runId, limit, bump, metaKey, log]);

  return data;
}
