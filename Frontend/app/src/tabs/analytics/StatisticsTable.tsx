import type { LossStatistics } from '../../api/analytics';
import { formatPercent, formatValue } from '../../format/format';
import { toNumber } from '../../wire/numbers';

/** Every statistic of the run's batch losses: moments, percentiles, trend and improvement. */
export function StatisticsTable({ stats }: { stats: LossStatistics | null }) {
  if (!stats) return <p className="empty">No statistics yet.</p>;
  const nf = stats.non_finite;
  // [key (data-stat, stable for tests and tools), label, shown value]
  const rows: [string, string, string][] = [
    ['count', 'Batches', stats.count.toLocaleString('en-US')],
    ['non-finite', 'Non-finite', nf ? `${nf.nan} NaN · ${nf.positive_infinity} +Inf · ${nf.negative_infinity} −Inf` : '0'],
    ['mean', 'Mean', formatValue(toNumber(stats.mean))],
    ['std', 'Std (population)', formatValue(toNumber(stats.std))],
    ['min', 'Min', formatValue(toNumber(stats.min))],
    ['max', 'Max', formatValue(toNumber(stats.max))],
    ...(['p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const).map<[string, string, string]>((p) => [p, p.toUpperCase(), formatValue(toNumber(stats.percentiles?.[p]))]),
    ['trend', 'Trend', `${stats.trend?.direction ?? '–'} (slope ${formatValue(toNumber(stats.trend?.slope))} per batch)`],
    ['first', 'First timestep mean', formatValue(toNumber(stats.improvement?.first))],
    ['last', 'Last timestep mean', formatValue(toNumber(stats.improvement?.last))],
    ['improvement', 'Improvement', `${formatValue(toNumber(stats.improvement?.absolute))} (${formatPercent(toNumber(stats.improvement?.percent))})`],
  ];
  return (
    <table className="data-table stats" data-testid="analytics-statistics">
      <tbody>
        {rows.map(([key, name, value]) => (
          <tr key={key} data-stat={key}>
            <th scope="row">{name}</th>
            <td className="num">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
