import type uPlot from 'uplot';
import type { ChartLine } from '../chartModel';
import { withAlpha } from '../colors';
import { visibleRange } from './visibleRange';

/**
 * Draws each decimated line's min/max envelope under the lines: the extremes of every bucket, so a spike that
 * LTTB did not pick still shows. Drawn straight from the line's own columns (no extra aligned series), and
 * reduced to one top and one bottom vertex per device pixel column, so its cost follows the chart's width
 * rather than the number of points.
 */
export const MAX_ENVELOPES = 6;

export function drawEnvelopes(u: uPlot, lines: readonly ChartLine[]): void {
  // Bands of more runs than this only cover each other; the tooltip still gives every run's value.
  let drawn = 0;
  for (const line of lines) if (line.role !== 'raw' && line.bucketWidth > 1) drawn++;
  if (drawn === 0 || drawn > MAX_ENVELOPES) return;
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const columns = Math.max(1, Math.ceil(width));
  const upper = new Float64Array(columns);
  const lower = new Float64Array(columns);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const log = u.scales.y.distr === 3;
  const yMin = u.scales.y.min ?? 0;
  for (const line of lines) {
    if (line.role === 'raw' || line.bucketWidth <= 1 || line.length < 2) continue;
    const [i0, i1] = visibleRange(u, line.xs, line.length);
    upper.fill(-Infinity);
    lower.fill(Infinity);
    let first = columns;
    let last = -1;
    for (let i = i0; i <= i1; i++) {
      const hi = line.maxs[i];
      let lo = line.mins[i];
      if (!Number.isFinite(hi) || !Number.isFinite(lo)) continue;
      if (log && lo <= 0) lo = yMin;
      const column = Math.min(columns - 1, Math.max(0, Math.round(u.valToPos(line.xs[i], 'x', true) - left)));
      if (hi > upper[column]) upper[column] = hi;
      if (lo < lower[column]) lower[column] = lo;
      if (column < first) first = column;
      if (column > last) last = column;
    }
    if (last < 0) continue;
    ctx.beginPath();
    let started = false;
    for (let c = first; c <= last; c++) {
      if (upper[c] === -Infinity) continue;
      const y = u.valToPos(upper[c], 'y', true);
      if (started) ctx.lineTo(left + c, y);
      else {
        ctx.moveTo(left + c, y);
        started = true;
      }
    }
    for (let c = last; c >= first; c--) {
      if (lower[c] === Infinity) continue;
      ctx.lineTo(left + c, u.valToPos(lower[c], 'y', true));
    }
    ctx.closePath();
    ctx.fillStyle = withAlpha(line.color, 0.16);
    ctx.fill();
  }
  ctx.restore();
}
