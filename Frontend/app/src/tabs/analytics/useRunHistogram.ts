import { useEffect, useRef, useState } from 'react';
import { analyticsApi, type RunLossHistogram } from '../../api/analytics';
import type { ApiError } from '../../api/rest';

/** Binning every loss of a long run costs the server more than the other analytics: at most one request this often. */
export const HISTOGRAM_INTERVAL_MS = 5000;

export interface RunHistogramState {
  histogram: RunLossHistogram | null;
  /** 404: the run has no losses yet (or the server has no histogram): not an error. */
  missing: boolean;
  error: string | null;
}

/**
 * The histogram of every batch loss of a run, fetched again only when `losses` (what the run's status says about
 * its losses; '' while there is no status) changes, and then at most once per HISTOGRAM_INTERVAL_MS: a burst of
 * timesteps costs one request.
 */
export function useRunHistogram(runId: string | null, losses: string): RunHistogramState {
  const [state, setState] = useState<RunHistogramState>({ histogram: null, missing: false, error: null });
  const lastFetch = useRef(-Infinity);
  const shownRun = useRef<string | null>(null);

  useEffect(() => {
    // No status yet (or no log-directory run): wait for it rather than ask twice.
    if (!losses) return;
    const abort = new AbortController();
    // A different run is fetched at once; more losses of the same run wait for the interval.
    const wait = shownRun.current === runId ? Math.max(0, lastFetch.current + HISTOGRAM_INTERVAL_MS - performance.now()) : 0;
    const timer = window.setTimeout(() => {
      lastFetch.current = performance.now();
      analyticsApi
        .histogram(runId, abort.signal)
        .then((histogram) => {
          shownRun.current = runId;
          setState({ histogram, missing: false, error: null });
        })
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          shownRun.current = runId;
          const missing = (error as ApiError).status === 404;
          setState({ histogram: null, missing, error: missing ? null : `histogram: ${(error as Error).message}` });
        });
    }, wait);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [runId, losses]);

  return state;
}
