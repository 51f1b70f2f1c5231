import type { ChartLine } from './chartModel';

/**
 * What a chart draws, as attributes of its element, so a browser test or a support engineer can tell from the
 * DOM which runs a canvas shows: `data-runs` lists the runs with at least one point in view (space-separated,
 * sorted) and `data-points` counts the points of their lines. On a metric x axis, `data-points-without-x` counts
 * the points left out because their run's x metric has no value at their step.
 */
export function markDrawn(target: HTMLElement | null, lines: readonly ChartLine[], withoutX: number | null = null): void {
  if (!target) return;
  const runs = new Set<string>();
  let points = 0;
  for (const line of lines) {
    // A smoothed line repeats its raw line's points.
    if (line.role === 'smoothed' || line.length === 0) continue;
    runs.add(line.runId);
    points += line.length;
  }
  target.dataset.runs = Array.from(runs).sort().join(' ');
  target.dataset.points = String(points);
  if (withoutX === null) delete target.dataset.pointsWithoutX;
  else target.dataset.pointsWithoutX = String(withoutX);
}
