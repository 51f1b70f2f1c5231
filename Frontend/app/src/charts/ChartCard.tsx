import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { seriesStore } from '../data/seriesStore';
import { appendLiveAfter, type SeriesColumns } from '../data/seriesColumns';
import { formatValue } from '../format/format';
import { useVisibleRuns } from '../hooks/useRuns';
import { useDashboard } from '../state/dashboardStore';
import { RANGE_MS } from '../state/viewState';
import { buildChartModel, type ChartInput } from './chartModel';
import { ChartController } from './chartController';
import { runColor } from './colors';
import { csvFileName, seriesToCsv } from './csv';
import { downloadText } from './download';
import { cancelChartFrame, requestChartFrame } from './frameScheduler';
import { fetchDetail, fetchZoomDetail } from './zoom';

const CHART_HEIGHT = 200;
/**
 * Live data redraws a chart at most this often (the last delta always lands): a curve moving four times a second
 * reads as live, and drawing twenty overlaid runs ten times a second would spend the frame budget on raster.
 */
const LIVE_REDRAW_MS = 250;
const LATEST_SHOWN = 3;

interface Zoom {
  range: [number, number];
  detail: Map<string, SeriesColumns> | null;
  error?: string;
}

/** Series label within a chart: the run, plus the labels (host, rank, device) when the series has them. */
function labelOf(series: SeriesColumns): string {
  const suffix = series.series.startsWith(series.metric) ? series.series.slice(series.metric.length) : `:${series.series}`;
  return series.runId + suffix;
}

/**
 * One metric: title, latest value per run, and the chart with every selected run overlaid. Live deltas reach
 * the chart without React: the store calls back, the card asks for a frame, and the frame rebuilds the model
 * and calls setData once.
 */
export const ChartCard = memo(function ChartCard({ metric, syncKey }: { metric: string; syncKey: string }) {
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const { selected, byId } = useVisibleRuns();
  const chartRef = useRef<HTMLDivElement>(null);
  const latestRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<ChartController | null>(null);
  const [zoom, setZoom] = useState<Zoom | null>(null);
  const [windowDetail, setWindowDetail] = useState<Map<string, SeriesColumns> | null>(null);
  const zoomAbort = useRef<AbortController | null>(null);
  const lastDrawn = useRef(0);
  const logScale = view.logMetrics.includes(metric);

  const inputs = useCallback((): ChartInput[] => {
    const list = seriesStore
      .seriesOf(metric)
      .filter((s) => selected.has(s.runId))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
    return list.map((s) => {
      const run = byId.get(s.runId);
      const start = run ? Date.parse(run.start_time) : NaN;
      const zoomed = zoom?.detail?.get(s.key);
      const windowed = windowDetail?.get(s.key);
      return {
        series: zoomed ?? (windowed ? appendLiveAfter(windowed, s) : s),
        label: labelOf(s),
        color: runColor(s.runId, view.theme),
        runStartMs: Number.isFinite(start) ? start : s.length > 0 ? s.times[0] : 0,
      };
    });
  }, [metric, selected, byId, zoom, windowDetail, view.theme]);

  // A time window (1h, 6h, …) over a long run holds few of the decimated live points: fetch the window at full
  // resolution once, and let live points append after it.
  const selectedKey = useMemo(() => Array.from(selected).sort().join('\n'), [selected]);
  useEffect(() => {
    const windowMs = RANGE_MS[view.range];
    setWindowDetail(null);
    if (windowMs === null) return;
    const from = Date.now() - windowMs;
    const runs = new Set<string>();
    for (const s of seriesStore.seriesOf(metric)) {
      if (selected.has(s.runId) && s.bucketWidth > 1 && s.length > 0 && s.times[0] < from) runs.add(s.runId);
    }
    if (runs.size === 0) return;
    const abort = new AbortController();
    const maxPoints = Math.max(500, (chartRef.current?.clientWidth ?? 600) * 2);
    fetchDetail(metric, Array.from(runs, (runId) => ({ runId, range: { fromTimeMs: from, maxPoints } })), abort.signal)
      .then((detail) => !abort.signal.aborted && setWindowDetail(detail))
      .catch(() => {
        // The decimated live points still show the window.
      });
    return () => abort.abort();
    // selectedKey stands for the selected runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [metric, view.range, selectedKey]);

  const onZoom = useCallback(
    (min: number, max: number) => {
      zoomAbort.current?.abort();
      const abort = new AbortController();
      zoomAbort.current = abort;
      setZoom({ range: [min, max], detail: null });
      const runs = Array.from(new Set(inputs().map((i) => i.series.runId))).map((runId) => {
        const run = byId.get(runId);
        return { runId, startMs: run ? Date.parse(run.start_time) : 0 };
      });
      const width = chartRef.current?.clientWidth ?? 600;
      fetchZoomDetail(metric, runs, view.xAxis, min, max, Math.max(500, width * 2), abort.signal)
        .then((detail) => !abort.signal.aborted && setZoom({ range: [min, max], detail }))
        .catch((error: unknown) => {
          if (!abort.signal.aborted) setZoom({ range: [min, max], detail: null, error: String((error as Error).message ?? error) });
        });
    },
    [inputs, byId, metric, view.xAxis],
  );

  const onResetZoom = useCallback(() => {
    zoomAbort.current?.abort();
    setZoom(null);
  }, []);

  const settings = useMemo(
    () => ({ syncKey, xAxis: view.xAxis, logScale, showEnvelope: view.showEnvelope, theme: view.theme, height: CHART_HEIGHT, onZoom, onResetZoom }),
    [syncKey, view.xAxis, logScale, view.showEnvelope, view.theme, onZoom, onResetZoom],
  );

  const render = useCallback(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    const list = inputs();
    const range = RANGE_MS[view.range];
    const model = buildChartModel(list, {
      xAxis: view.xAxis,
      smoothing: view.smoothing,
      fromTimeMs: range === null || zoom ? null : Date.now() - range,
      logScale,
      columns: Math.max(50, Math.round((chartRef.current?.clientWidth ?? 400) * window.devicePixelRatio)),
      xRange: zoom ? zoom.range : null,
    });
    controller.setSettings(settings);
    controller.update(model);
    lastDrawn.current = performance.now();
    renderLatest(latestRef.current, list);
  }, [inputs, view.range, view.xAxis, view.smoothing, zoom, logScale, settings]);

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
      zoomAbort.current?.abort();
    };
    // The controller lives as long as the card; settings reach it through setSettings.
    // eslint-disable-next-line react-hooks/exhaustive-deps
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
    const unsubscribe = seriesStore.subscribeMetric(metric, () => {
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
    });
    return () => {
      unsubscribe();
      window.clearTimeout(trailing.current);
      trailing.current = undefined;
    };
  }, [metric, owner]);

  const toggleLog = () =>
    setView({ logMetrics: logScale ? view.logMetrics.filter((m) => m !== metric) : [...view.logMetrics, metric] });
  const downloadCsv = () => downloadText(csvFileName(metric), seriesToCsv(inputs().map((i) => i.series)));

  return (
    <section className="chart-card" ref={cardRef} data-testid="chart-card" data-metric={metric}>
      <header className="chart-card-head">
        <h3 className="chart-title" title={metric}>
          {metric}
        </h3>
        <div className="chart-latest" ref={latestRef} data-testid="chart-latest" />
      </header>
      <div className="chart-tools">
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
      </div>
      <div className="chart-body" ref={chartRef} data-testid="chart-canvas" />
    </section>
  );
});

/** The latest value of the first few series, written straight into the DOM on every frame (no React render). */
function renderLatest(target: HTMLDivElement | null, inputs: readonly ChartInput[]): void {
  if (!target) return;
  const items: HTMLElement[] = [];
  for (const input of inputs.slice(0, LATEST_SHOWN)) {
    const s = input.series;
    if (s.length === 0) continue;
    const item = document.createElement('span');
    item.className = 'latest-item';
    item.dataset.testid = 'chart-latest-value';
    item.dataset.run = s.runId;
    item.title = `${input.label} at step ${s.steps[s.length - 1]}`;
    const dot = document.createElement('span');
    dot.className = 'swatch';
    dot.style.background = input.color;
    item.append(dot, formatValue(s.values[s.length - 1]));
    items.push(item);
  }
  if (inputs.length > LATEST_SHOWN) {
    const more = document.createElement('span');
    more.className = 'latest-more';
    more.textContent = `+${inputs.length - LATEST_SHOWN}`;
    items.push(more);
  }
  target.replaceChildren(...items);
}
