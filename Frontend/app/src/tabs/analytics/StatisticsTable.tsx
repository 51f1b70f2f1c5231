import type { LossStatistics } from '../../api/analytics';
import { formatPercent, formatValue } from '../../format/format';
import { toNumber } from '../../wire/numbers';

/** Every statistic of the run's batch losses: moments, percentiles, trend and improvement. */
export function StatisticsTable({ stats }: { stats: LossStatistics | null }) {
  if (!stats) return <p className="empty">No statistics yet.</p>;
  const nf = stats.non_finite;
  const rows: [string, string][] = [
    ['Batches', stats.count.toLocaleString('en-US')],
    ['Non-finite', nf ? `${nf.nan} NaN · ${nf.positive_infinity} +Inf · ${nf.negative_infinity} −Inf` : '0'],
    ['Mean', formatValue(toNumber(stats.mean))],
    ['Std (population)', formatValue(toNumber(stats.std))],
    ['Min', formatValue(toNumber(stats.min))],
    ['Max', formatValue(toNumber(stats.max))],
    ...(['p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const).map<[string, string]>((p) => [p.toUpperCase(), formatValue(toNumber(stats.percentiles?.[p]))]),
    ['Trend', `${stats.trend?.direction ?? '–'} (slope ${formatValue(toNumber(stats.trend?.slope))} per batch)`],
    ['First timestep mean', formatValue(toNumber(stats.improvement?.first))],
    ['Last timestep mean', formatValue(toNumber(stats.improvement?.last))],
    ['Improvement', `${formatValue(toNumber(stats.improvement?.absolute))} (${formatPercent(toNumber(stats.improvement?.percent))})`],
  ];
  return (
    <table className="data-table stats" data-testid="analytics-statistics">
      <tbody>
        {rows.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
