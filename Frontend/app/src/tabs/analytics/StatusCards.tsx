import type { AnalyticsStatus, LossStatistics, TimestepLosses } from '../../api/analytics';
import { formatPercent, formatValue } from '../../format/format';
import { toNumber } from '../../wire/numbers';

const ARROW = { decreasing: '↘', increasing: '↗', flat: '→' } as const;

function Card({ id, title, value, note, tone }: { id: string; title: string; value: string; note?: string; tone?: 'good' | 'bad' }) {
  return (
    <div className={`stat-card ${tone ?? ''}`} data-testid={`analytics-card-${id}`}>
      <div className="stat-title">{title}</div>
      <div className="stat-value" data-testid={`analytics-card-${id}-value`}>
        {value}
      </div>
      {note && <div className="stat-note">{note}</div>}
    </div>
  );
}

/** Current loss, the current timestep's mean, the run's mean loss, timesteps and trend, as the ICON monitor showed them. */
export function StatusCards({ status, stats, current }: { status: AnalyticsStatus | null; stats: LossStatistics | null; current: TimestepLosses | null }) {
  const direction = stats?.trend?.direction;
  const improvement = toNumber(stats?.improvement?.percent);
  const nonFinite = status?.non_finite ? status.non_finite.nan + status.non_finite.positive_infinity + status.non_finite.negative_infinity : 0;
  return (
    <div className="stat-cards">
      <Card
        id="current-loss"
        title="Current loss"
        value={formatValue(status?.latest_loss !== undefined ? toNumber(status.latest_loss) : current ? toNumber(current.mean) : null)}
        note={status?.current_timestep ? `timestep ${status.current_timestep.replace('T', ' ')}` : undefined}
      />
      <Card
        id="mean-loss"
        title="Mean loss"
        value={formatValue(stats ? toNumber(stats.mean) : null)}
        note={stats ? `± ${formatValue(toNumber(stats.std))} over ${stats.count.toLocaleString('en-US')} batches` : undefined}
      />
      <Card
        id="timestep-mean"
        title="Timestep mean"
        value={formatValue(current ? toNumber(current.mean) : null)}
        note={current ? `over ${current.count.toLocaleString('en-US')} batches of ${current.timestep.replace('T', ' ')}` : undefined}
      />
      <Card
        id="timesteps"
        title="Timesteps"
        value={status ? status.timesteps.toLocaleString('en-US') : '–'}
        note={status ? `${status.total_batches.toLocaleString('en-US')} batches${nonFinite ? ` · ${nonFinite} non-finite` : ''}` : undefined}
        tone={nonFinite ? 'bad' : undefined}
      />
      <Card
        id="trend"
        title="Trend"
        value={direction ? `${ARROW[direction]} ${direction}` : '–'}
        note={Number.isFinite(improvement) ? `improvement ${formatPercent(improvement)}` : undefined}
        tone={direction === 'decreasing' ? 'good' : direction === 'increasing' ? 'bad' : undefined}
      />
    </div>
  );
}
