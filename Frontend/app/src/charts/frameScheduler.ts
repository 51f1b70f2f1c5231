/**
 * At most one redraw per chart per animation frame: a burst of deltas for the same chart collapses into the last
 * request. Jobs run in one requestAnimationFrame callback, so the browser paints once after all of them.
 */
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
  const jobs = Array.from(pending.values());
  pending.clear();
  for (const job of jobs) {
    try {
      job();
    } catch (error) {
      console.error('A chart failed to redraw', error);
    }
  }
}
