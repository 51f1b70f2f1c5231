import uPlot from 'uplot';
import { formatDuration } from '../format/format';
import { AXIS_FONT, fitAxisSize, tickLabels } from './axisLabels';
import type { Theme, TooltipSort, XAxisMode } from '../state/viewState';
import type { ChartLine, ChartModel } from './chartModel';
import { withAlpha } from './colors';
import { drawEnvelopes } from './plugins/envelope';
import { drawNonFiniteMarkers } from './plugins/nonFiniteMarkers';
import { tooltipPlugin } from './plugins/tooltip';
import { chartColors } from './themeColors';
import { axisTitle } from './units';

export interface ChartSettings {
  syncKey: string;
  xAxis: XAxisMode;
  /** The metric on the x axis (each run joined with its own), or null for step, wall or relative time. */
  xMetric: string | null;
  /** Units of the x metric and of the chart's metric ('' when unknown). */
  xUnit: string;
  unit: string;
  tooltipSort: TooltipSort;
  logScale: boolean;
  showEnvelope: boolean;
  theme: Theme;
  height: number;
  onZoom(min: number, max: number): void;
  onResetZoom(): void;
}

/** Steps are whole numbers: tick them at 1, 2, 5 × 10^k, never at half a step. */
const STEP_INCREMENTS = Array.from({ length: 16 }, (_, k) => [1, 2, 5].map((m) => m * 10 ** k)).flat();

function compactStep(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${+(value / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${+(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${+(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value * 100) / 100);
}

/** An axis title (a unit, or the x metric's name), given room only when there is one. */
function axisLabel(text: string): Partial<uPlot.Axis> {
  return text ? { label: text, labelSize: 16, labelFont: AXIS_FONT, labelGap: 2 } : {};
}

/**
 * Owns one uPlot instance outside React. `update` takes a new model: the same lines get only setData (uPlot
 * redraws once, batched in a microtask); a different set of lines, axis mode or theme rebuilds the plot.
 */
export class ChartController {
  private plot: uPlot | null = null;
  private layoutKey = '';
  private lines: readonly ChartLine[] = [];
  private xRange: [number, number] | null = null;
  /** Cursors are synchronized across the tab; only the chart under the pointer shows a tooltip and zooms. */
  private hovered = false;
  private readonly resizeObserver: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private settings: ChartSettings,
  ) {
    this.resizeObserver = new ResizeObserver(() => {
      if (this.plot) this.plot.setSize({ width: this.width(), height: this.settings.height });
    });
    this.resizeObserver.observe(container);
  }

  setSettings(settings: ChartSettings): void {
    const resized = settings.height !== this.settings.height;
    this.settings = settings;
    if (resized && this.plot) this.plot.setSize({ width: this.width(), height: settings.height });
  }

  /** Fixes the x scale (a zoom), or lets it follow the data again (null). */
  setXRange(range: [number, number] | null): void {
    this.xRange = range;
    if (!this.plot) return;
    if (range) this.plot.setScale('x', { min: range[0], max: range[1] });
    else this.plot.setData(this.plot.data, true);
  }

  update(model: ChartModel): void {
    this.lines = model.lines;
    const key = this.keyOf(model.lines);
    if (!this.plot || key !== this.layoutKey) {
      this.plot?.destroy();
      this.layoutKey = key;
      this.plot = new uPlot(this.options(model.lines), model.data, this.container);
      const over = this.plot.over;
      over.addEventListener('dblclick', () => this.settings.onResetZoom());
      over.addEventListener('pointerenter', () => (this.hovered = true));
      over.addEventListener('pointerleave', () => (this.hovered = false));
      if (this.xRange) this.plot.setScale('x', { min: this.xRange[0], max: this.xRange[1] });
      return;
    }
    // batch draws now rather than in a microtask, so the frame scheduler's budget sees the real cost.
    const range = this.xRange;
    const u = this.plot;
    u.batch(() => {
      if (range) {
        u.setData(model.data, false);
        u.setScale('x', { min: range[0], max: range[1] });
      } else {
        u.setData(model.data, true);
      }
    });
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  private width(): number {
    return Math.max(120, Math.floor(this.container.clientWidth));
  }

  private keyOf(lines: readonly ChartLine[]): string {
    const s = this.settings;
    return `${s.xAxis}|${s.xMetric}|${s.xUnit}|${s.unit}|${s.logScale}|${s.showEnvelope}|${s.theme}|${s.syncKey}|${lines.map((l) => `${l.key}:${l.role}:${l.color}`).join(',')}`;
  }

  private options(lines: readonly ChartLine[]): uPlot.Options {
    const colors = chartColors();
    const settings = this.settings;
    const axisCommon = {
      stroke: colors.axis,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1, size: 4 },
      font: AXIS_FONT,
    };
    const xValues: uPlot.Axis['values'] | undefined = settings.xMetric
      ? (_u, splits) => tickLabels(splits)
      : settings.xAxis === 'step'
        ? (_u, splits) => splits.map(compactStep)
        : settings.xAxis === 'relative'
          ? (_u, splits) => splits.map((v) => formatDuration(v))
          : undefined;
    return {
      width: this.width(),
      height: settings.height,
      legend: { show: false },
      cursor: {
        sync: { key: settings.syncKey, setSeries: false },
        drag: { x: true, y: false, setScale: false },
        focus: { prox: 24 },
        points: { size: 6 },
      },
      select: { show: true, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: !settings.xMetric && settings.xAxis === 'wall' },
        y: settings.logScale ? { distr: 3, log: 10 } : {},
      },
      axes: [
        {
          ...axisCommon,
          values: xValues,
          space: 60,
          incrs: !settings.xMetric && settings.xAxis === 'step' ? STEP_INCREMENTS : undefined,
          ...axisLabel(settings.xMetric ? axisTitle(settings.xMetric, settings.xUnit) : ''),
        },
        { ...axisCommon, size: fitAxisSize(58), values: (_u, splits) => tickLabels(splits), ...axisLabel(settings.unit) },
      ],
      series: [
        {},
        ...lines.map<uPlot.Series>((line) => ({
          label: line.label,
          stroke: line.role === 'raw' ? withAlpha(line.color, 0.28) : line.color,
          // 1 px: Skia draws hairlines on a fast path; wider anti-aliased strokes cost ten times the raster.
          width: 1,
          spanGaps: false,
        })),
      ],
      hooks: {
        setSelect: [
          (u) => {
            const { left, width } = u.select;
            if (width < 3) return;
            if (!this.hovered) {
              // The selection was mirrored from the chart being dragged: that one zooms, this one does not.
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              return;
            }
            const min = u.posToVal(left, 'x');
            const max = u.posToVal(left + width, 'x');
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            this.settings.onZoom(min, max);
          },
        ],
        drawAxes: [(u) => this.settings.showEnvelope && drawEnvelopes(u, this.lines)],
        draw: [(u) => drawNonFiniteMarkers(u, this.lines, colors.alarm)],
      },
      plugins: [tooltipPlugin(() => this.lines, () => this.settings, () => this.hovered)],
    };
  }
}
