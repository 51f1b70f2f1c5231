import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { seriesStore } from '../data/seriesStore';
import { appendLiveAfter, type SeriesColumns } from '../data/seriesColumns';
import { useRunGroups } from '../hooks/useRunGroups';
import { useVisibleRuns } from '../hooks/useRuns';
import { useDashboard } from '../state/dashboardStore';
import { chosenColor } from '../state/runView';
import { RANGE_MS } from '../state/viewState';
import { buildChartModel, type ChartInput } from './chartModel';
import { ChartController } from './chartController';
import { seriesColor } from './colors';
import { csvFileName, seriesToCsv } from './csv';
import { downloadText } from './download';
import { markDrawn } from './drawnSummary';
import { buildGroupedModel, markGroups } from './groupLines';
import { cancelChartFrame, requestChartFrame } from './frameScheduler';
import { latestOfInputs, latestOfLines } from './latestItems';
import { renderLatest } from './latestValues';
import { matchingXSeries } from './metricX';
import { axisTitle, unitOf } from './units';
import { useWindowDetail } from './useWindowDetail';
import { useZoom } from './useZoom';

const CHART_HEIGHT = 200;
/**
 * Live data redraws a chart at most this often (the last delta always lands): a curve moving four times a second
 * reads as live, and drawing twenty overlaid runs ten times a second would spend the frame budget on raster.
 */
const LIVE_REDRAW_MS = 250;

/** Series label within a chart: the run, plus the labels (host, rank, device) when the series has them. */
function labelOf(series: SeriesColumns): string {
  const suffix = series.seriesId.startsWith(series.metric) ? series.seriesId.slice(series.metric.length) : `:${series.seriesId}`;
  return series.runId + suffix;
}

/**
 * One metric: title, latest value per run, and the chart with every selected run overlaid. Live deltas reach
 * the chart without React: the store calls back, the card asks for a frame, and the frame rebuilds the model
 * and calls setData once. `height` is given to the enlarged card, which fills the page.
 */
export const ChartCard = memo(function ChartCard({ metric, syncKey, height }: { metric: string; syncKey: string; height?: number }) {
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const { selected, byId } = useVisibleRuns();
  const grouping = useRunGroups().chart;
  const chartRef = useRef<HTMLDivElement>(null);
  const latestRef = useRef<HTMLDivElement>(null);
  const withoutXRef = useRef<HTMLSpanElement>(null);
  const controllerRef = useRef<ChartController | null>(null);
  const lastDrawn = useRef(0);
  const logScale = view.logMetrics.includes(metric);
  const xMetric = view.xMetric;
  const enlarged = height !== undefined;
  const unit = unitOf(metric, selected, byId);
  const xUnit = xMetric ? unitOf(xMetric, selected, byId) : '';
  const windowDetail = useWindowDetail(metric, view.range, selected, chartRef);
  const shownRuns = useCallback(
    () => Array.from(new Set(seriesStore.seriesOf(metric).filter((s) => selected.has(s.runId)).map((s) => s.runId))),
    [metric, selected],
  );
  const zoomAxis = useMemo(
    () => ({ xAxis: view.xAxis, xMetric, memoryKey: `${syncKey}\u001f${metric}\u001f${xMetric ? `metric:${xMetric}` : view.xAxis}` }),
    [view.xAxis, xMetric, syncKey, metric],
  );
  const { zoom, onZoom, onResetZoom } = useZoom(metric, zoomAxis, byId, shownRuns, chartRef);

  const inputs = useCallback((): ChartInput[] => {
    const list = seriesStore
      .seriesOf(metric)
      .filter((s) => selected.has(s.runId))
      .sort((a, b) => (a.runSeriesKey < b.runSeriesKey ? -1 : 1));
    const xCandidates = xMetric ? seriesStore.seriesOf(xMetric) : [];
    return list.map((s) => {
      const run = byId.get(s.runId);
      const x = xMetric ? matchingXSeries(xCandidates, s) : undefined;
      const start = run ? Date.parse(run.start_time) : NaN;
      const zoomed = zoom?.detail?.get(s.runSeriesKey);
      const windowed = windowDetail?.get(s.runSeriesKey);
      return {
        series: zoomed ?? (windowed ? appendLiveAfter(windowed, s) : s),
        label: labelOf(s),
        color: seriesColor(s.runId, s.seriesId === s.metric ? '' : s.seriesId.slice(s.metric.length), view.theme, chosenColor(view.runColors, s.runId)),
        runStartMs: Number.isFinite(start) ? start : s.length > 0 ? s.times[0] : 0,
        xSeries: x === undefined ? undefined : x && (zoom?.detail?.get(x.runSeriesKey) ?? x),
      };
    });
  }, [metric, selected, byId, zoom, windowDetail, view.theme, view.runColors, xMetric]);

  const settings = useMemo(
    () => ({
      syncKey,
      xAxis: view.xAxis,
      xMetric,
      xUnit,
      unit,
      tooltipSort: view.tooltipSort,
      logScale,
      showEnvelope: view.showEnvelope,
      theme: view.theme,
      height: height ?? CHART_HEIGHT,
      onZoom,
      onResetZoom,
    }),
    [syncKey, view.xAxis, xMetric, xUnit, unit, view.tooltipSort, logScale, view.showEnvelope, view.theme, height, onZoom, onResetZoom],
  );

  const render = useCallback(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    const list = inputs();
    const range = RANGE_MS[view.range];
    const options = {
      xAxis: view.xAxis,
      smoothing: view.smoothing,
      fromTimeMs: range === null || zoom ? null : Date.now() - range,
      logScale,
      columns: Math.max(50, Math.round((chartRef.current?.clientWidth ?? 400) * window.devicePixelRatio)),
      xRange: zoom ? zoom.range : null,
    };
    const model = grouping ? buildGroupedModel(list, options, grouping) : buildChartModel(list, options);
    controller.setSettings(settings);
    controller.update(model);
    lastDrawn.current = performance.now();
    // Grouped, the line names what the chart draws (a collapsed group's mean, not the runs hidden in it).
    const latest = grouping ? latestOfLines(model.lines, list, { xAxis: view.xAxis, xMetric, xUnit }) : latestOfInputs(list);
    renderLatest(latestRef.current, latest, unit);
    markDrawn(chartRef.current, model.lines, xMetric ? model.withoutX : null);
    markGroups(chartRef.current, model.lines);
    const body = chartRef.current;
    if (body) {
      // The axis titles are drawn on the canvas; here they are readable for tests and tools.
      body.dataset.xTitle = xMetric ? axisTitle(xMetric, xUnit) : view.xAxis;
      body.dataset.yTitle = unit;
    }
    if (withoutXRef.current) withoutXRef.current.textContent = xMetric && model.withoutX > 0 ? `${model.withoutX} points without ${xMetric}` : '';
  }, [inputs, view.range, view.xAxis, view.smoothing, zoom, logScale, settings, unit, xMetric, xUnit, grouping]);

  const renderRef = useRef(render);
  renderRef.current = render;
  const owner = useRef({}).current;

  useEffect(() => {
    const controller = new ChartController(chartRef.current!, settings);
    controllerRef.current = controller;
    return () => {
      cancelChartFrame(owner);
      controller.destroy();
      controllerRef.current = null;
    };
    // The controller lives as long as the card; settings reach it through setSettings.
  }, []);

  useEffect(() => {
    controllerRef.current?.setXRange(zoom ? zoom.range : null);
    requestChartFrame(owner, () => renderRef.current());
  }, [render, zoom, owner]);

  // A card mounted just outside the viewport (pre-mounted for smooth scrolling) skips live redraws until it shows.
  const cardRef = useRef<HTMLElement>(null);
  const onScreen = useRef(true);
  const missed = useRef(false);
  useEffect(() => {
    const observer = new IntersectionObserver((entries) => {
      onScreen.current = entries.some((e) => e.isIntersecting);
      if (onScreen.current && missed.current) {
        missed.current = false;
        requestChartFrame(owner, () => renderRef.current());
      }
    });
    observer.observe(cardRef.current!);
    return () => observer.disconnect();
  }, [owner]);

  const trailing = useRef<number | undefined>(undefined);
  useEffect(() => {
    const redraw = () => requestChartFrame(owner, () => renderRef.current());
    const onDelta = () => {
      if (!onScreen.current) {
        missed.current = true;
        return;
      }
      const since = performance.now() - lastDrawn.current;
      if (since >= LIVE_REDRAW_MS) redraw();
      else
        trailing.current ??= window.setTimeout(() => {
          trailing.current = undefined;
          redraw();
        }, LIVE_REDRAW_MS - since);
    };
    const unsubscribe = seriesStore.subscribeMetric(metric, onDelta);
    // On a metric x axis, a new x point can give an existing point its x.
    const unsubscribeX = xMetric && xMetric !== metric ? seriesStore.subscribeMetric(xMetric, onDelta) : () => {};
    return () => {
      unsubscribe();
      unsubscribeX();
      window.clearTimeout(trailing.current);
      trailing.current = undefined;
    };
  }, [metric, xMetric, owner]);

  const toggleLog = () =>
    setView({ logMetrics: logScale ? view.logMetrics.filter((m) => m !== metric) : [...view.logMetrics, metric] });
  const toggleEnlarged = () => setView({ enlarged: enlarged ? null : metric });
  const downloadCsv = () => downloadText(csvFileName(metric), seriesToCsv(inputs().map((i) => i.series)));

  return (
    <section className={`chart-card${enlarged ? ' enlarged' : ''}`} ref={cardRef} data-testid="chart-card" data-metric={metric}>
      <header className="chart-card-head">
        <h3 className="chart-title" title={metric}>
          {metric}
        </h3>
        <div className="chart-latest" ref={latestRef} data-testid="chart-latest" />
      </header>
      <div className="chart-tools">
        <span className="chart-zoom-note" ref={withoutXRef} data-testid="chart-without-x" />
        {zoom && (
          <span className="chart-zoom-note" data-testid="chart-zoom-state">
            {zoom.error ? `zoom failed: ${zoom.error}` : zoom.detail ? 'zoomed (full resolution)' : 'zoomed, loading…'}
          </span>
        )}
        {zoom && (
          <button type="button" className="chip" onClick={onResetZoom} data-testid="chart-reset-zoom">
            reset
          </button>
        )}
        <button type="button" className={`chip ${logScale ? 'on' : ''}`} onClick={toggleLog} aria-pressed={logScale} data-testid="chart-log-toggle" title="Logarithmic y axis">
          log
        </button>
        <button type="button" className="chip" onClick={downloadCsv} data-testid="chart-csv" title="Download this chart's data as CSV">
          CSV
        </button>
        <button
          type="button"
          className={`chip ${enlarged ? 'on' : ''}`}
          onClick={toggleEnlarged}
          aria-pressed={enlarged}
          data-testid="chart-enlarge"
          title={enlarged ? 'Back to the grid (Escape)' : 'Enlarge this chart to the full page'}
          aria-label={enlarged ? `Restore ${metric} to the grid` : `Enlarge ${metric}`}
        >
          {enlarged ? 'restore' : 'enlarge'}
        </button>
      </div>
      <div className="chart-body" ref={chartRef} data-testid="chart-canvas" />
    </section>
  );
});
