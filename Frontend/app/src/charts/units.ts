import type { RunMeta } from '../wire/types';

/** A metric's unit from the runs' metadata: the first of the given runs that names one, or '' when none does. */
export function unitOf(metric: string, runIds: Iterable<string>, byId: ReadonlyMap<string, RunMeta>): string {
  for (const runId of runIds) {
    const unit = byId.get(runId)?.units?.[metric];
    if (unit) return unit;
  }
  return '';
}

/** A value with its unit after it, as the tooltip and the latest-value line show it. */
export function withUnit(text: string, unit: string): string {
  return unit ? `${text} ${unit}` : text;
}

/** An axis title: the metric (when the axis is a metric) and its unit in brackets. */
export function axisTitle(name: string, unit: string): string {
  return unit ? (name ? `${name} [${unit}]` : unit) : name;
}
