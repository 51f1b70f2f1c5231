import { useEffect, useState } from 'react';
import { analyticsApi } from '../api/analytics';
import { seriesStore } from '../data/seriesStore';
import { formatAgo, formatTime } from '../format/format';
import { useNow } from '../hooks/useNow';
import { useDashboard } from '../state/dashboardStore';

/** New data asks for the status again at most this often (a live run sends deltas every second). */
const REFRESH_MS = 5000;

/**
 * `last_update` of `/api/status` (the most recently active log-directory run), as epoch ms; null while there is
 * none. Asked only while the page has a log-directory run, and again when one of them moved (coalesced).
 */
function useLastUpdate(): number | null {
  const [lastUpdate, setLastUpdate] = useState<number | null>(null);
  const [bump, setBump] = useState(0);
  const logdirRuns = useDashboard((s) =>
    s.runs
      .filter((r) => r.source === 'logdir')
      .map((r) => r.run_id)
      .sort()
      .join('\n'),
  );

  useEffect(() => {
    if (!logdirRuns) return;
    const watched = new Set(logdirRuns.split('\n'));
    let timer: number | undefined;
    const off = seriesStore.subscribeChanges((moved) => {
      if (!Array.from(moved).some((runId) => watched.has(runId))) return;
      timer ??= window.setTimeout(() => {
        timer = undefined;
        setBump((b) => b + 1);
      }, REFRESH_MS);
    });
    return () => {
      off();
      window.clearTimeout(timer);
    };
  }, [logdirRuns]);

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
