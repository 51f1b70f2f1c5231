import uPlot from 'uplot';
import { chartColors } from '../../charts/themeColors';
import { AXIS_FONT, fitAxisSize, tickLabels } from '../../charts/axisLabels';
import { formatValue } from '../../format/format';

/** Shared look of the analytics charts. */
export function baseOptions(width: number, height: number, xValues?: (value: number) => string): Omit<uPlot.Options, 'series'> {
  const colors = chartColors();
  const axis = { stroke: colors.axis, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1, size: 4 }, font: AXIS_FONT };
  return {
    width,
    height,
    // Room on the right for half of the last timestep label ("01-01 08:00"), which uPlot centres on the edge.
    padding: [null, 34, null, null],
    legend: { show: true, live: true },
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: false } },
    axes: [
      // Timestep labels ("01-01 06:30") are about 70 px wide: ticks closer than that overlap.
      { ...axis, space: 90, values: xValues ? (_u, splits) => splits.map(xValues) : undefined },
      { ...axis, size: fitAxisSize(58), values: (_u, splits) => tickLabels(splits) },
    ],
  };
}

export function accent(): string {
  return chartColors().accent;
}

const bars = uPlot.paths.bars ? uPlot.paths.bars({ size: [0.9, 80] }) : undefined;

/** A histogram of losses: bars of batch counts over loss, from 0 with a little headroom, filled with `fill`. */
export function histogramOptions(width: number, height: number, fill: string): uPlot.Options {
  return {
    ...baseOptions(width, height, (v) => formatValue(v)),
    scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] } },
    series: [
      { label: 'loss', value: (_u, v) => (v == null ? '–' : formatValue(v)) },
      { label: 'batches', stroke: accent(), fill, width: 1, paths: bars, points: { show: false } },
    ],
  };
}
