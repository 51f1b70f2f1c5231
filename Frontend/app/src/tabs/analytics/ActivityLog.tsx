import { formatTime } from '../../format/format';
import { useDashboard } from '../../state/dashboardStore';

/** Connection and data events, newest first. */
export function ActivityLog() {
  const activity = useDashboard((s) => s.activity);
  return (
    <ol className="activity-log" data-testid="activity-log" reversed>
      {activity.length === 0 && <li className="empty">Nothing yet.</li>}
      {activity
        .slice()
        .reverse()
        .map((entry, i) => (
          <li key={`${entry.time}-${activity.length - i}`} className={`log-${entry.level}`} data-testid="activity-entry" data-level={entry.level}>
            <time>{formatTime(entry.time).slice(11)}</time> {entry.message}
          </li>
        ))}
    </ol>
  );
}
