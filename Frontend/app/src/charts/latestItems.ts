import type { XAxisMode } from '../state/viewState';
import type { ChartInput, ChartLine } from './chartModel';
import { isGroupLine, type GroupLine } from './groupLines';
import { formatX } from './plugins/tooltip';

/** How many lines the latest-value line names; the rest are counted as "+N". */
export const LATEST_SHOWN = 3;

/** One entry of a chart's latest-value line: a run's series or a collapsed group's mean line. */
export interface LatestItem {
  kind: 'run' | 'group';
  /** The run id, or the group key. */
  id: string;
  color: string;
  value: number;
  /** What the value is and where: the line's label and the x of the value. */
  title: string;
}

/** The entries shown, and how many lines are left out of them. */
export interface LatestValues {
  items: LatestItem[];
  more: number;
}

/** The chart's x axis, to say where a mean's last point is. */
export interface LatestAxis {
  xAxis: XAxisMode;
  xMetric: string | null;
  xUnit: string;
}

/** Without grouping: the raw last value of the first few inputs' series, each in its run's colour. */
export function latestOfInputs(inputs: readonly ChartInput[]): LatestValues {
  const items: LatestItem[] = [];
  for (const input of inputs.slice(0, LATEST_SHOWN)) {
    const item = runItem(input, input.color);
    if (item) items.push(item);
  }
  return { items, more: Math.max(0, inputs.length - LATEST_SHOWN) };
}

/**
 * With grouping: one entry per drawn line, in the order the chart draws them, in the line's colour. A run (on its
 * own or in an expanded group) shows its series' raw last value, as without grouping. A collapsed group shows its
 * mean: the line that is not the smoothed copy holds the unsmoothed mean (groupLines computes the group from raw
 * member values and smooths the mean afterwards), so the value is a mean of what the runs logged, like a run's.
 */
export function latestOfLines(lines: readonly ChartLine[], inputs: readonly ChartInput[], axis: LatestAxis): LatestValues {
  const inputOf = new Map(inputs.map((i) => [i.series.runSeriesKey, i]));
  const items: LatestItem[] = [];
  let drawn = 0;
  for (const line of lines) {
    // A smoothed line is drawn over its raw one: the two are one line to the reader.
    if (line.role === 'smoothed' || line.length === 0) continue;
    drawn++;
    if (drawn > LATEST_SHOWN) continue;
    const item = isGroupLine(line) ? meanItem(line, axis) : runLineItem(line, inputOf);
    if (item) items.push(item);
  }
  return { items, more: Math.max(0, drawn - LATEST_SHOWN) };
}

function runLineItem(line: ChartLine, inputOf: ReadonlyMap<string, ChartInput>): LatestItem | null {
  const input = inputOf.get(line.key);
  return input ? runItem(input, line.color) : null;
}

function runItem(input: ChartInput, color: string): LatestItem | null {
  const s = input.series;
  if (s.length === 0) return null;
  return { kind: 'run', id: s.runId, color, value: s.values[s.length - 1], title: `${input.label} at step ${s.steps[s.length - 1]}` };
}

/** The mean's last drawn point: the largest x with a finite mean, else (no finite mean at all) the largest x. */
function meanItem(line: GroupLine, axis: LatestAxis): LatestItem {
  let last = -1;
  let lastFinite = -1;
  for (let i = 0; i < line.length; i++) {
    const x = line.xs[i];
    if (last < 0 || x > line.xs[last]) last = i;
    if (Number.isFinite(line.values[i]) && (lastFinite < 0 || x > line.xs[lastFinite])) lastFinite = i;
  }
  const at = lastFinite >= 0 ? lastFinite : last;
  // A run ahead of the others makes the last mean its value alone: say how many runs it stands for there.
  const of = line.counts[at] < line.members.length ? `${line.counts[at]} of ${line.members.length}` : `${line.members.length}`;
  const label = `${line.group} (mean of ${of})${line.suffix}`;
  return { kind: 'group', id: line.group, color: line.color, value: line.values[at], title: `${label} at ${formatX(line.xs[at], axis.xAxis, axis.xMetric, axis.xUnit)}` };
}
