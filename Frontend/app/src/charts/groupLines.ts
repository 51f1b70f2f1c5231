import { groupStats, type GroupStats } from '../data/groups';
import type { GroupBand } from '../state/runView';
import { alignLines, buildLines, isSorted, sortLine, type ChartInput, type ChartLine, type ChartModel, type ModelOptions } from './chartModel';
import { columnGrid } from './columnAlign';
import { smoothEma } from './smoothing';

/** How the runs of a chart are grouped (see useRunGroups). */
export interface ChartGrouping {
  /** Run id to its group key; a run not listed is drawn on its own. */
  groupOf: ReadonlyMap<string, string>;
  /** Group key to its colour and whether it is drawn as its runs (expanded) or as mean and band. */
  groups: ReadonlyMap<string, { color: string; expanded: boolean }>;
  band: GroupBand;
}

/** A group's mean line, with the runs it was computed from. */
export interface GroupLine extends ChartLine {
  group: string;
  /** The series label the line stands for (host, rank, device), as it follows a run id; '' for the plain series. */
  suffix: string;
  members: string[];
  /** At each point, how many of the members' finite values its mean is made of. */
  counts: Uint32Array;
}

export function isGroupLine(line: ChartLine): line is GroupLine {
  return 'members' in line;
}

/**
 * The chart model with runs grouped: each collapsed group becomes one mean line per series label (host, rank,
 * device) with its band as the line's min/max columns, which the envelope draws; an expanded group's runs are drawn
 * in the group's colour. The group statistics use the chart's own alignment: the union of x values, or the chart's
 * pixel columns when the lines have more points than fit (alignLines' rule).
 */
export function buildGroupedModel(inputs: readonly ChartInput[], options: ModelOptions, grouping: ChartGrouping): ChartModel {
  const collapsed: ChartInput[] = [];
  const drawn: ChartInput[] = [];
  for (const input of inputs) {
    const key = grouping.groupOf.get(input.series.runId);
    const group = key === undefined ? undefined : grouping.groups.get(key);
    if (!group) drawn.push(input);
    else if (group.expanded) drawn.push({ ...input, color: group.color });
    else collapsed.push(input);
  }
  const members = buildLines(collapsed, { ...options, smoothing: 0 }).map((l) => (isSorted(l.xs, l.length) ? l : sortLine(l)));
  const counts = { withoutX: 0 };
  const lines = buildLines(drawn, options, counts);
  let points = 0;
  for (const l of [...members, ...lines]) points += l.length;
  const columns = options.columns ?? 0;
  const onColumns = columns > 0 && points > columns * 4;
  const range = onColumns ? gridRange([...members, ...lines], columns, options.xRange ?? undefined) : undefined;

  // Group key, then series label (host, rank, device): one mean line for each.
  const byGroup = new Map<string, Map<string, ChartLine[]>>();
  for (const line of members) {
    const group = grouping.groupOf.get(line.runId)!;
    const suffix = line.label.slice(line.runId.length);
    const bySuffix = byGroup.get(group) ?? new Map<string, ChartLine[]>();
    byGroup.set(group, bySuffix);
    const list = bySuffix.get(suffix);
    if (list) list.push(line);
    else bySuffix.set(suffix, [line]);
  }
  for (const [group, bySuffix] of byGroup) {
    for (const [suffix, list] of bySuffix) {
      const stats = groupStats(list, onColumns ? { columns, range } : undefined);
      lines.push(...groupLines(group, suffix, list, stats, grouping, options.smoothing));
    }
  }
  return alignLines(lines, options, counts.withoutX);
}

function gridRange(lines: readonly ChartLine[], columns: number, xRange?: [number, number]): [number, number] {
  const { lo, hi } = columnGrid(lines, columns, xRange);
  return [lo, hi];
}

function groupLines(group: string, suffix: string, list: readonly ChartLine[], stats: GroupStats, grouping: ChartGrouping, smoothing: number): GroupLine[] {
  const runs = Array.from(new Set(list.map((l) => l.runId))).sort();
  const color = grouping.groups.get(group)?.color ?? list[0].color;
  const low = new Float64Array(stats.length);
  const high = new Float64Array(stats.length);
  for (let i = 0; i < stats.length; i++) {
    low[i] = grouping.band === 'std' ? stats.mean[i] - stats.std[i] : stats.min[i];
    high[i] = grouping.band === 'std' ? stats.mean[i] + stats.std[i] : stats.max[i];
  }
  const base = {
    key: `group\u001f${group}\u001f${suffix}`,
    runId: `group\u001f${group}`,
    label: `${group} (${runs.length} run${runs.length === 1 ? '' : 's'})${suffix}`,
    color,
    xs: stats.xs,
    mins: low,
    maxs: high,
    nonFinite: stats.nonFinite,
    // The envelope draws the min/max columns of lines that stand for more than one point: the band is such a column.
    bucketWidth: 2,
    length: stats.length,
    group,
    suffix,
    members: runs,
    counts: stats.counts,
  };
  if (smoothing <= 0) return [{ ...base, role: 'plain', values: stats.mean }];
  return [
    { ...base, role: 'raw', values: stats.mean },
    { ...base, key: `${base.key}\u001fsmoothed`, role: 'smoothed', values: smoothEma(stats.mean, stats.length, smoothing) },
  ];
}

/**
 * Adds to what markDrawn wrote: `data-groups` lists the groups drawn as a mean line (sorted, space-separated), and
 * `data-runs` then names the runs behind them rather than the groups.
 */
export function markGroups(target: HTMLElement | null, lines: readonly ChartLine[]): void {
  if (!target) return;
  const groups = new Set<string>();
  const runs = new Set<string>();
  for (const line of lines) {
    if (line.role === 'smoothed' || line.length === 0) continue;
    if (isGroupLine(line)) {
      groups.add(line.group);
      for (const run of line.members) runs.add(run);
    } else runs.add(line.runId);
  }
  target.dataset.groups = Array.from(groups).sort().join(' ');
  if (groups.size > 0) target.dataset.runs = Array.from(runs).sort().join(' ');
}
