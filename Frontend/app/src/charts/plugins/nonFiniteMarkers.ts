import type uPlot from 'uplot';
import type { ChartLine } from '../chartModel';
import { visibleRange } from './visibleRange';

/**
 * Marks every point that is or hides a non-finite value (a diverged loss is data, not a gap): a triangle at the
 * top edge for NaN and +Inf, at the bottom edge for -Inf, in the run's colour with a red outline.
 */
export function drawNonFiniteMarkers(u: uPlot, lines: readonly ChartLine[], alarm: string): void {
  const ctx = u.ctx;
  const { left, top, width, height } = u.bbox;
  const size = 5 * devicePixelRatio;
  ctx.save();
  ctx.lineWidth = Math.max(1, devicePixelRatio);
  ctx.strokeStyle = alarm;
  for (const line of lines) {
    if (line.role === 'raw') continue;
    if (!line.nonFinite && !hasNonFinite(line)) continue;
    const [i0, i1] = visibleRange(u, line.xs, line.length);
    ctx.fillStyle = line.color;
    for (let i = i0; i <= i1; i++) {
      const v = line.values[i];
      const count = line.nonFinite ? line.nonFinite[i] : 0;
      if (count === 0 && Number.isFinite(v)) continue;
      const x = u.valToPos(line.xs[i], 'x', true);
      if (x < left || x > left + width) continue;
      const atBottom = v === -Infinity;
      const y = atBottom ? top + height - size : top + size;
      ctx.beginPath();
      if (atBottom) {
        ctx.moveTo(x, top + height);
        ctx.lineTo(x - size, y - size);
        ctx.lineTo(x + size, y - size);
      } else {
        ctx.moveTo(x, top);
        ctx.lineTo(x - size, y + size);
        ctx.lineTo(x + size, y + size);
      }
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.restore();
}

function hasNonFinite(line: ChartLine): boolean {
  for (let i = 0; i < line.length; i++) if (!Number.isFinite(line.values[i])) return true;
  return false;
}
