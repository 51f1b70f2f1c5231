/**
 * At most one redraw per chart per animation frame: a burst of deltas for the same chart collapses into the last
 * request. Jobs run in requestAnimationFrame callbacks within a time budget; what does not fit waits for the next
 * frame (in order), so a delta that touches every chart on screen spreads over a few frames instead of stalling one.
 */
const FRAME_BUDGET_MS = 8;
/**
 * The canvas a chart draws into is rasterised when the frame commits, after this budget was measured: cap the
 * charts per frame too, so that raster cannot pile up beyond the frame.
 */
const MAX_CHARTS_PER_FRAME = 1;
const pending = new Map<object, () => void>();
let scheduled = false;

export function requestChartFrame(owner: object, job: () => void): void {
  pending.set(owner, job);
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(flush);
  }
}

export function cancelChartFrame(owner: object): void {
  pending.delete(owner);
}

function flush(): void {
  scheduled = false;
  const start = performance.now();
  let done = 0;
  for (const [owner, job] of pending) {
    pending.delete(owner);
    try {
      job();
    } catch (error) {
      console.error('A chart failed to redraw', error);
    }
    if (++done >= MAX_CHARTS_PER_FRAME || performance.now() - start > FRAME_BUDGET_MS) break;
  }
  if (pending.size > 0) {
    scheduled = true;
    requestAnimationFrame(flush);
  }
}
