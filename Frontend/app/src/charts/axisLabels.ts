import type uPlot from 'uplot';
import { formatValue } from '../format/format';

export const AXIS_FONT = '11px system-ui, sans-serif';

/** Tick gap plus tick length plus a little air, in CSS pixels, beside the widest label. */
const LABEL_MARGIN = 14;

/**
 * Tick labels in the dashboard's number format, with as many more significant digits as it takes for every tick
 * to read differently: ticks 1.8e12 apart on values near 1.6e18 (timestamps in nanoseconds) all read "1.626e18"
 * in the short format.
 */
export function tickLabels(splits: readonly number[]): string[] {
  const labels = splits.map((v) => formatValue(v));
  if (distinct(labels)) return labels;
  for (let digits = 5; digits <= 17; digits++) {
    const precise = splits.map((v) => formatPrecise(v, digits));
    if (distinct(precise)) return precise;
  }
  return labels;
}

let measure: CanvasRenderingContext2D | null | undefined;

/**
 * A y-axis size that fits its widest label, never below `min` pixels; a fixed size cuts long labels ("-12,345.6",
 * "1.62611e18") at the chart's left edge.
 */
export function fitAxisSize(min: number): uPlot.Axis.Size {
  return (_self, values) => {
    if (!values || values.length === 0) return min;
    measure ??= document.createElement('canvas').getContext('2d');
    if (!measure) return min;
    measure.font = AXIS_FONT;
    let widest = 0;
    for (const value of values) widest = Math.max(widest, measure.measureText(value).width);
    return Math.max(min, Math.ceil(widest + LABEL_MARGIN));
  };
}

function formatPrecise(value: number, digits: number): string {
  if (!Number.isFinite(value) || value === 0) return formatValue(value);
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-4) return value.toExponential(digits - 1).replace('e+', 'e').replace(/\.?0+e/, 'e');
  const text = value.toPrecision(digits);
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}

function distinct(labels: readonly string[]): boolean {
  return new Set(labels).size === labels.length;
}
