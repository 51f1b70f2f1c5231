import { useEffect, useMemo, useState } from 'react';
import { analyticsApi } from '../api/analytics';
import { formatAgo, formatTime } from '../format/format';
import { useNow } from '../hooks/useNow';
import { useRunsMovedCount } from '../hooks/useRunsMoved';
import { useDashboard } from '../state/dashboardStore';

/** New data asks for the status again at most this often (a live run sends deltas every second). */
const REFRESH_MS = 5000;

/**
 * `last_update` of `/api/status` (the most recently active log-directory run), as epoch ms; null while there is
 * none. Asked only while the page has a log-directory run, and again when one of them moved (coalesced).
 */
function useLastUpdate(): number | null {
  const [lastUpdate, setLastUpdate] = useState<number | null>(null);
  const logdirRuns = useDashboard((s) =>
    s.runs
      .filter((r) => r.source === 'logdir')
      .map((r) => r.run_id)
      .sort()
      .join('\n'),
  );

  const watches = useMemo(() => {
    const watched = new Set(logdirRuns ? logdirRuns.split('\n') : []);
    return (moved: ReadonlySet<string>) => Array.from(moved).some((runId) => watched.has(runId));
  }, [logdirRuns]);
  const bump = useRunsMovedCount(watches, REFRESH_MS);

  useEffect(() => {
    if (!logdirRuns) {
      setLastUpdate(null);
      return;
    }
    const abort = new AbortController();
    analyticsApi
      .status(null, abort.signal)
      .then((status) => {
        const ms = status.last_update ? Date.parse(status.last_update) : NaN;
        setLastUpdate(Number.isFinite(ms) ? ms : null);
      })
      // No answer: nothing to show.
      .catch(() => !abort.signal.aborted && setLastUpdate(null));
    return () => abort.abort();
  }, [bump, logdirRuns]);

  return lastUpdate;
}

/** "updated 12 s ago" beside the connection status; the absolute time shows on hover and on keyboard focus. */
export function LastUpdate() {
  const lastUpdate = useLastUpdate();
  const now = useNow(1000);
  if (lastUpdate === null) return null;
  const absolute = formatTime(lastUpdate);
  const relative = formatAgo(lastUpdate, now);
  return (
    <span className="last-update" tabIndex={0} data-testid="last-update" data-time={new Date(lastUpdate).toISOString()} aria-label={`Last update ${absolute}, ${relative}`}>
      <span className="last-update-relative">updated {relative}</span>
      <time className="last-update-absolute" dateTime={new Date(lastUpdate).toISOString()} data-testid="last-update-absolute">
        {absolute}
      </time>
    </span>
  );
}
