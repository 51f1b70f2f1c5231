import { useEffect, useMemo, useState } from 'react';
import { analyticsApi, type TimestepLosses } from '../api/analytics';
import { ChipRadioGroup } from '../components/ChipRadioGroup';
import { useDashboard } from '../state/dashboardStore';
import { HISTORY_LIMITS } from '../state/viewState';
import { ActivityLog } from './analytics/ActivityLog';
import { RunHistogram } from './analytics/RunHistogram';
import { BatchLossChart, LossHistogram, LossHistoryChart, MeanStdChart } from './analytics/AnalyticsCharts';
import { StatisticsTable } from './analytics/StatisticsTable';
import { StatusCards } from './analytics/StatusCards';
import { useAnalytics } from './analytics/useAnalytics';
import { useRunHistogram } from './analytics/useRunHistogram';

/** The ICON monitor's views of a log-directory run's batch losses, fed by the loss analytics API. */
export function AnalyticsTab() {
  const runs = useDashboard((s) => s.runs);
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const logdirRuns = useMemo(() => runs.filter((r) => r.source === 'logdir'), [runs]);
  const runId = view.analyticsRun;
  const data = useAnalytics(runId, view.historyLimit);
  const status = data.status;
  const nonFinite = status?.non_finite;
  const runHistogram = useRunHistogram(
    status?.run_id ?? runId,
    status ? `${status.total_batches}|${nonFinite ? nonFinite.nan + nonFinite.positive_infinity + nonFinite.negative_infinity : 0}` : '',
  );
  const [timestep, setTimestep] = useState<string>('');
  const [picked, setPicked] = useState<TimestepLosses | null>(null);

  useEffect(() => {
    if (!timestep) {
      setPicked(null);
      return;
    }
    const abort = new AbortController();
    analyticsApi
      .byTimestep(runId, timestep, abort.signal)
      .then(setPicked)
      .catch(() => !abort.signal.aborted && setPicked(null));
    return () => abort.abort();
  }, [runId, timestep]);

  const losses = picked ?? data.current;
  const shownRun = data.status?.run_id ?? runId;
  const timesteps = data.timesteps?.timesteps ?? [];

  return (
    <div className="tab-body analytics" data-testid="analytics">
      <div className="analytics-tools">
        <label className="option">
          <span>Run</span>
          <select value={runId ?? ''} onChange={(e) => setView({ analyticsRun: e.target.value || null })} data-testid="analytics-run">
            <option value="">Most recently active log directory</option>
            {logdirRuns.map((r) => (
              <option key={r.run_id} value={r.run_id}>
                {r.run_id}
                {r.is_active ? ' (active)' : ''}
              </option>
            ))}
          </select>
        </label>
        <ChipRadioGroup
          label="History length"
          caption="History"
          className="option"
          options={HISTORY_LIMITS}
          value={view.historyLimit}
          optionLabel={(n) => String(n)}
          optionTestId={(n) => `history-${n}`}
          onChange={(n) => setView({ historyLimit: n })}
        />
        <span className="muted" data-testid="analytics-shown-run">
          {shownRun ? `showing ${shownRun}` : ''}
          {data.loading ? ' · loading…' : ''}
        </span>
      </div>
      {data.noRun && (
        <p className="empty" data-testid="analytics-no-run">
          {runId ? `No loss analytics for ${runId}: it is not a log-directory run, or it is gone.` : 'No log-directory run yet. Loss analytics appear when an ICON/ComIn output directory has data.'}
        </p>
      )}
      {(data.errors.length > 0 || runHistogram.error) && (
        <div className="error" data-testid="analytics-errors">
          {[...data.errors, ...(runHistogram.error ? [runHistogram.error] : [])].map((e) => (
            <div key={e}>{e}</div>
          ))}
        </div>
      )}
      <StatusCards status={data.status} stats={data.stats} current={data.current} />
      <div className="analytics-grid">
        <section className="panel wide">
          <h2 className="group-title">Loss history (mean, min, max per timestep)</h2>
          <LossHistoryChart history={data.history} theme={view.theme} />
        </section>
        <section className="panel">
          <h2 className="group-title">Timestep mean ± std</h2>
          <MeanStdChart history={data.history} theme={view.theme} />
        </section>
        <section className="panel">
          <h2 className="group-title">
            Batch losses{' '}
            <select value={timestep} onChange={(e) => setTimestep(e.target.value)} data-testid="analytics-timestep" aria-label="Timestep">
              <option value="">latest{data.current ? ` (${data.current.timestep.replace('T', ' ')})` : ''}</option>
              {timesteps
                .slice(-500)
                .reverse()
                .map((t) => (
                  <option key={t} value={t}>
                    {t.replace('T', ' ')}
                  </option>
                ))}
            </select>
          </h2>
          <BatchLossChart losses={losses} theme={view.theme} />
        </section>
        <section className="panel">
          <h2 className="group-title">Loss distribution ({losses ? `${losses.count} batches` : '–'})</h2>
          <LossHistogram losses={losses} theme={view.theme} />
        </section>
        <section className="panel">
          <h2 className="group-title">Loss distribution, whole run ({runHistogram.histogram ? `${runHistogram.histogram.count.toLocaleString('en-US')} batches` : '–'})</h2>
          <RunHistogram state={runHistogram} theme={view.theme} />
        </section>
        <section className="panel">
          <h2 className="group-title">Statistics</h2>
          <StatisticsTable stats={data.stats} />
        </section>
        <section className="panel wide">
          <h2 className="group-title">Activity</h2>
          <ActivityLog />
        </section>
      </div>
    </div>
  );
}
