import { useMemo } from 'react';
import { seriesStore } from '../data/seriesStore';
import { textFilter } from '../format/textFilter';
import { useCatalogVersion } from '../hooks/useCatalog';
import { useVisibleRuns } from '../hooks/useRuns';
import { useDashboard } from '../state/dashboardStore';
import { TOOLTIP_SORTS, X_AXES, type TooltipSort, type XAxisMode } from '../state/viewState';
import { ChipRadioGroup } from './ChipRadioGroup';

const X_LABEL: Record<XAxisMode, string> = { step: 'Step', wall: 'Wall time', relative: 'Relative' };
const SORT_LABEL: Record<TooltipSort, string> = { default: 'Run order', descending: 'Descending', ascending: 'Ascending', nearest: 'Nearest' };

/** The metrics of the shown runs, any of which can be the x axis. */
function useXMetricChoices(current: string | null): string[] {
  const catalog = useCatalogVersion();
  const { selected } = useVisibleRuns();
  return useMemo(() => {
    const metrics = seriesStore.metricsOfRuns(selected).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    // A shared link's x metric stays listed while its runs load.
    return current && !metrics.includes(current) ? [current, ...metrics] : metrics;
    // catalog: the store's metric set changed.
  }, [catalog, selected, current]);
}

/** Options shared by every chart: smoothing, x axis, envelope, and a metric filter. */
export function ChartOptions() {
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const filterNotice = useMemo(() => textFilter(view.metricFilter).notice, [view.metricFilter]);
  const xMetrics = useXMetricChoices(view.xMetric);
  return (
    <div className="chart-options" data-testid="chart-options">
      <label className="option">
        <span>Smoothing</span>
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={view.smoothing}
          onChange={(e) => setView({ smoothing: Number(e.target.value) })}
          data-testid="smoothing-slider"
          aria-label="EMA smoothing weight"
        />
        <output data-testid="smoothing-value">{view.smoothing.toFixed(2)}</output>
      </label>
      <ChipRadioGroup
        label="X axis"
        caption="X axis"
        className="option"
        options={X_AXES}
        // No chip is on while a metric is the x axis.
        value={view.xMetric ? ('' as XAxisMode) : view.xAxis}
        optionLabel={(mode) => X_LABEL[mode]}
        optionTestId={(mode) => `xaxis-${mode}`}
        onChange={(mode) => setView({ xAxis: mode, xMetric: null })}
      />
      <select
        className={`chip-select ${view.xMetric ? 'on' : ''}`}
        value={view.xMetric ?? ''}
        onChange={(e) => setView({ xMetric: e.target.value || null })}
        data-testid="xaxis-metric"
        aria-label="Metric as the x axis"
        title="Plot every chart against a metric of each run, joined on step"
      >
        <option value="">Metric…</option>
        {xMetrics.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <label className="option">
        <span>Tooltip</span>
        <select value={view.tooltipSort} onChange={(e) => setView({ tooltipSort: e.target.value as TooltipSort })} data-testid="tooltip-sort" aria-label="Tooltip order">
          {TOOLTIP_SORTS.map((mode) => (
            <option key={mode} value={mode}>
              {SORT_LABEL[mode]}
            </option>
          ))}
        </select>
      </label>
      <label className="option">
        <input type="checkbox" checked={view.showEnvelope} onChange={(e) => setView({ showEnvelope: e.target.checked })} data-testid="envelope-toggle" />
        <span>Min/max band</span>
      </label>
      <input
        type="search"
        className="metric-filter"
        placeholder="Filter metrics (text or regex)"
        value={view.metricFilter}
        onChange={(e) => setView({ metricFilter: e.target.value })}
        data-testid="metric-filter"
        aria-label="Filter metrics"
      />
      {filterNotice && (
        <span className="filter-notice" role="status" data-testid="metric-filter-notice">
          {filterNotice}
        </span>
      )}
      <span className="hint">Drag to zoom · double-click to reset</span>
    </div>
  );
}
