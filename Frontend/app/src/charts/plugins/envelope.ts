import type uPlot from 'uplot';
import type { ChartLine } from '../chartModel';
import { withAlpha } from '../colors';
import { visibleRange } from './visibleRange';

/**
 * Draws each decimated line's min/max envelope under the lines: the extremes of every bucket, so a spike that
 * LTTB did not pick still shows. Drawn straight from the line's own columns (no extra aligned series).
 */
export function drawEnvelopes(u: uPlot, lines: readonly ChartLine[]): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const yMin = u.scales.y.min ?? 0;
  for (const line of lines) {
    if (line.role === 'raw' || line.bucketWidth <= 1 || line.length < 2) continue;
    const [i0, i1] = visibleRange(u, line.xs, line.length);
    ctx.beginPath();
    let started = false;
    for (let i = i0; i <= i1; i++) {
      const v = line.maxs[i];
      if (!Number.isFinite(v)) continue;
      const x = u.valToPos(line.xs[i], 'x', true);
      const y = u.valToPos(v, 'y', true);
      if (started) ctx.lineTo(x, y);
      else {
        ctx.moveTo(x, y);
        started = true;
      }
    }
    if (!started) continue;
    for (let i = i1; i >= i0; i--) {
      let v = line.mins[i];
      if (!Number.isFinite(v)) continue;
      if (u.scales.y.distr === 3 && v <= 0) v = yMin;
      ctx.lineTo(u.valToPos(line.xs[i], 'x', true), u.valToPos(v, 'y', true));
    }
    ctx.closePath();
    ctx.fillStyle = withAlpha(line.color, 0.18);
    ctx.fill();
  }
  ctx.restore();
}
