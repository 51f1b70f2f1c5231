import { useMemo } from 'react';
import { textFilter } from '../format/textFilter';
import { useDashboard } from '../state/dashboardStore';
import { X_AXES, type XAxisMode } from '../state/viewState';
import { ChipRadioGroup } from './ChipRadioGroup';

const X_LABEL: Record<XAxisMode, string> = { step: 'Step', wall: 'Wall time', relative: 'Relative' };

/** Options shared by every chart: smoothing, x axis, envelope, and a metric filter. */
export function ChartOptions() {
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const filterNotice = useMemo(() => textFilter(view.metricFilter).notice, [view.metricFilter]);
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
        value={view.xAxis}
        optionLabel={(mode) => X_LABEL[mode]}
        optionTestId={(mode) => `xaxis-${mode}`}
        onChange={(mode) => setView({ xAxis: mode })}
      />
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
