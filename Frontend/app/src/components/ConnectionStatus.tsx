import { formatAgo } from '../format/format';
import { useNow } from '../hooks/useNow';
import { useDashboard } from '../state/dashboardStore';

const LABEL = { live: 'Live', connecting: 'Connecting', disconnected: 'Disconnected' } as const;

/** Live, connecting (with the countdown to the next attempt) or disconnected; click to retry at once. */
export function ConnectionStatus({ onReconnect }: { onReconnect: () => void }) {
  const status = useDashboard((s) => s.connection);
  const lag = useDashboard((s) => s.lastDeltaLagMs);
  const now = useNow(500);
  const countdown = status.retryAt !== undefined ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : null;
  let detail = '';
  if (status.state === 'live') detail = lag !== null ? `${lag < 1000 ? `${lag} ms` : `${(lag / 1000).toFixed(1)} s`} behind` : '';
  else if (countdown !== null) detail = `retry in ${countdown} s`;
  else if (status.detail) detail = status.detail;
  const title =
    status.lastEventAt !== undefined ? `Last event ${formatAgo(status.lastEventAt, now)} (seq ${status.lastSeq ?? '–'})` : 'No event yet';
  return (
    <button
      type="button"
      className={`connection connection-${status.state}`}
      data-testid="connection-status"
      data-state={status.state}
      title={`${title}. Click to reconnect now.`}
      onClick={onReconnect}
    >
      <span className="dot" aria-hidden="true" />
      <span className="connection-label">{LABEL[status.state]}</span>
      {detail && (
        <span className="connection-detail" data-testid="connection-detail">
          {detail}
        </span>
      )}
      {status.state !== 'live' && status.attempt > 0 && <span className="connection-detail">#{status.attempt}</span>}
    </button>
  );
}
