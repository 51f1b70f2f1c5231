import { useEffect, useMemo, useState } from 'react';
import { runColor } from '../charts/colors';
import { MetricGrid, useTabMetrics } from '../components/MetricGrid';
import { seriesStore } from '../data/seriesStore';
import type { SeriesColumns } from '../data/seriesColumns';
import { formatDuration, formatStep, formatTime, formatValue } from '../format/format';
import { useNow } from '../hooks/useNow';
import { useVisibleRuns } from '../hooks/useRuns';
import { useDashboard } from '../state/dashboardStore';
import { MilestoneNames } from './progress/MilestoneNames';
import { useMilestones } from './progress/useMilestones';

interface Bar {
  runId: string;
  fraction: number;
  label: string;
  eta?: string;
}

function lastFinite(s: SeriesColumns): number {
  for (let i = s.length - 1; i >= 0; i--) if (Number.isFinite(s.values[i])) return s.values[i];
  return NaN;
}

/**
 * How far along a progress metric is, as a fraction: percentages are read as such, values within [0, 1] as
 * fractions, anything else (a timestep, a token count) against the furthest run.
 */
export function progressFractions(metric: string, latest: Map<string, number>): Map<string, number> {
  const values = Array.from(latest.values()).filter(Number.isFinite);
  const isPercent = /percent|pct|%/i.test(metric);
  const isFraction = !isPercent && values.every((v) => v >= 0 && v <= 1);
  const max = Math.max(...values, 0);
  const out = new Map<string, number>();
  for (const [run, v] of latest) {
    const f = isPercent ? v / 100 : isFraction ? v : max > 0 ? v / max : 0;
    out.set(run, Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0)));
  }
  return out;
}

/** Estimated time left from the rate over the last points, when the metric is a percentage or fraction. */
function eta(s: SeriesColumns, fraction: number, metric: string): string | undefined {
  if (fraction >= 1 || s.length < 2) return undefined;
  const scale = /percent|pct|%/i.test(metric) ? 100 : 1;
  const i1 = s.length - 1;
  const i0 = Math.max(0, s.length - 20);
  const dv = (s.values[i1] - s.values[i0]) / scale;
  const dt = (s.times[i1] - s.times[i0]) / 1000;
  if (!(dv > 0) || !(dt > 0)) return undefined;
  return formatDuration(((1 - fraction) * dt) / dv);
}

export function ProgressTab() {
  const { inRange, selected } = useVisibleRuns();
  const theme = useDashboard((s) => s.view.theme);
  const metrics = useTabMetrics('progress');
  const now = useNow(5000);
  const [, setTick] = useState(0);

  useEffect(() => {
    let timer: number | undefined;
    const later = () => {
      if (timer === undefined) timer = window.setTimeout(() => ((timer = undefined), setTick((t) => t + 1)), 1000);
    };
    const off = metrics.map((m) => seriesStore.subscribeMetric(m, later));
    return () => {
      window.clearTimeout(timer);
      off.forEach((u) => u());
    };
  }, [metrics]);

  const runs = inRange.filter((r) => selected.has(r.run_id));
  const milestones = useMilestones(runs.map((r) => r.run_id));
  const maxStep = Math.max(1, ...runs.map((r) => r.latest_step));

  const milestoneBars = useMemo(() => {
    // A run that stopped has no time left to estimate.
    const active = new Set(inRange.filter((r) => r.is_active).map((r) => r.run_id));
    return metrics.map((metric) => {
      const series = seriesStore.seriesOf(metric).filter((s) => selected.has(s.runId));
      const latest = new Map(series.map((s) => [s.runId, lastFinite(s)]));
      const fractions = progressFractions(metric, latest);
      const bars: Bar[] = series.map((s) => {
        const fraction = fractions.get(s.runId) ?? 0;
        return { runId: s.runId, fraction, label: formatValue(latest.get(s.runId)), eta: active.has(s.runId) ? eta(s, fraction, metric) : undefined };
      });
      return { metric, bars };
    });
    // now: re-read latest values on the ticker.
  }, [metrics, selected, inRange, now]);

  return (
    <div className="tab-body">
      <section className="panel" data-testid="progress-runs">
        <h2 className="group-title">Runs</h2>
        {runs.length === 0 && <p className="empty">No selected runs.</p>}
        {runs.map((run) => {
          const started = Date.parse(run.start_time);
          const last = Date.parse(run.last_event_time);
          return (
            <div key={run.run_id} className="progress-row" data-testid="progress-run" data-run={run.run_id}>
              <div className="progress-name">
                <span className={`activity-dot ${run.is_active ? 'active' : 'inactive'}`} /> {run.run_id}
              </div>
              <div className="progress-track" title={`step ${formatStep(run.latest_step)} of the furthest run's ${formatStep(maxStep)}`}>
                <div className="progress-fill" style={{ width: `${(100 * run.latest_step) / maxStep}%`, background: runColor(run.run_id, theme) }} />
              </div>
              <div className="progress-meta">
                step {formatStep(run.latest_step)} · running {formatDuration((last - started) / 1000)} · {run.is_active ? 'active' : `quiet since ${formatTime(last)}`}
                <MilestoneNames milestones={milestones.get(run.run_id)} />
              </div>
            </div>
          );
        })}
      </section>
      {milestoneBars.map(({ metric, bars }) => (
        <section key={metric} className="panel" data-testid="milestone" data-metric={metric}>
          <h2 className="group-title">{metric}</h2>
          {bars.map((bar) => (
            <div key={bar.runId} className="progress-row" data-testid="milestone-bar" data-run={bar.runId}>
              <div className="progress-name">{bar.runId}</div>
              <div className="progress-track">
                <div className="progress-fill" style={{ width: `${bar.fraction * 100}%`, background: runColor(bar.runId, theme) }} />
              </div>
              <div className="progress-meta">
                {bar.label} · {(bar.fraction * 100).toFixed(1)} %{bar.eta ? ` · ETA ${bar.eta}` : ''}
              </div>
            </div>
          ))}
        </section>
      ))}
      <MetricGrid tab="progress" />
    </div>
  );
}
