import type uPlot from 'uplot';
import { formatDuration, formatStep, formatTime, formatValue } from '../../format/format';
import type { TooltipSort, XAxisMode } from '../../state/viewState';
import type { ChartLine } from '../chartModel';
import { withUnit } from '../units';
import { orderRows } from './tooltipOrder';
import { nearestIndex } from './visibleRange';

const MAX_ROWS = 16;

/** What the tooltip reads from its chart's settings each time the cursor moves. */
export interface TooltipContext {
  xAxis: XAxisMode;
  /** The metric on the x axis, or null for step, wall or relative time. */
  xMetric: string | null;
  xUnit: string;
  unit: string;
  tooltipSort: TooltipSort;
}

export function formatX(x: number, mode: XAxisMode, xMetric: string | null = null, xUnit = ''): string {
  if (xMetric) return `${xMetric} ${withUnit(formatValue(x), xUnit)}`;
  if (mode === 'wall') return formatTime(x * 1000);
  if (mode === 'relative') return formatDuration(x);
  return `step ${formatStep(x)}`;
}

/**
 * A tooltip with every run's value at the cursor: for each line the point nearest the cursor's x, read from the
 * line's own columns, so the value shown is exact (NaN and ±Inf named) and not an alignment artefact. Rows are
 * ordered as the chart options say (run order, by value, or nearest the cursor's y first).
 */
export function tooltipPlugin(getLines: () => readonly ChartLine[], getContext: () => TooltipContext, isHovered: () => boolean): uPlot.Plugin {
  let box: HTMLDivElement;
  return {
    hooks: {
      init: (u) => {
        box = document.createElement('div');
        box.className = 'chart-tooltip';
        box.dataset.testid = 'chart-tooltip';
        box.hidden = true;
        u.over.appendChild(box);
        u.over.addEventListener('mouseleave', () => (box.hidden = true));
      },
      setCursor: (u) => {
        const { left, top } = u.cursor;
        if (left === undefined || top === undefined || left < 0 || !isHovered()) {
          box.hidden = true;
          return;
        }
        const x = u.posToVal(left, 'x');
        const lines = getLines();
        const raw = new Map<string, number>();
        for (const line of lines) {
          if (line.role !== 'raw') continue;
          const i = nearestIndex(line.xs, line.length, x);
          if (i >= 0) raw.set(line.runId + line.label, line.values[i]);
        }
        const rows: { line: ChartLine; value: number; raw?: number; nonFinite: number; x: number }[] = [];
        for (const line of lines) {
          if (line.role === 'raw') continue;
          const i = nearestIndex(line.xs, line.length, x);
          if (i < 0) continue;
          rows.push({ line, value: line.values[i], raw: raw.get(line.runId + line.label), nonFinite: line.nonFinite ? line.nonFinite[i] : 0, x: line.xs[i] });
        }
        if (rows.length === 0) {
          box.hidden = true;
          return;
        }
        const context = getContext();
        const ordered = orderRows(rows, context.tooltipSort, u.posToVal(top, 'y'));
        box.dataset.sort = context.tooltipSort;
        box.replaceChildren();
        const head = document.createElement('div');
        head.className = 'chart-tooltip-head';
        head.textContent = formatX(rows[0].x, context.xAxis, context.xMetric, context.xUnit);
        box.appendChild(head);
        for (const row of ordered.slice(0, MAX_ROWS)) {
          const item = document.createElement('div');
          item.className = 'chart-tooltip-row';
          item.dataset.testid = 'chart-tooltip-row';
          item.dataset.run = row.line.runId;
          item.dataset.value = String(row.value);
          const swatch = document.createElement('span');
          swatch.className = 'swatch';
          swatch.style.background = row.line.color;
          const label = document.createElement('span');
          label.className = 'label';
          label.textContent = row.line.label;
          const value = document.createElement('span');
          value.className = 'value';
          value.textContent =
            withUnit(formatValue(row.value), context.unit) +
            (row.raw !== undefined ? ` (${formatValue(row.raw)})` : '') +
            (row.nonFinite > 0 ? ` ⚠${row.nonFinite}` : '');
          item.append(swatch, label, value);
          box.appendChild(item);
        }
        if (rows.length > MAX_ROWS) {
          const more = document.createElement('div');
          more.className = 'chart-tooltip-more';
          more.textContent = `+${rows.length - MAX_ROWS} more`;
          box.appendChild(more);
        }
        box.hidden = false;
        const overWidth = u.over.clientWidth;
        const boxWidth = box.offsetWidth;
        const boxLeft = left + 14 + boxWidth > overWidth ? Math.max(0, left - 14 - boxWidth) : left + 14;
        box.style.transform = `translate(${Math.round(boxLeft)}px, ${Math.round(Math.max(0, Math.min(top, u.over.clientHeight - box.offsetHeight)))}px)`;
      },
    },
  };
}
