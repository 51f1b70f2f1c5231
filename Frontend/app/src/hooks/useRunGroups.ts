import { groupColor } from '../charts/colors';
import type { ChartGrouping } from '../charts/groupLines';
import { groupRuns } from '../data/groups';
import { useDashboard } from '../state/dashboardStore';
import { chosenColor, type GroupBand, type GroupBy } from '../state/runView';
import type { Theme } from '../state/viewState';
import type { RunMeta } from '../wire/types';

export interface RunGroupsView {
  /** Group key to its runs; empty when runs are not grouped. */
  groups: ReadonlyMap<string, string[]>;
  /** Group key to its colour. */
  colors: ReadonlyMap<string, string>;
  /** Set when the name pattern is matched as plain text. */
  notice?: string;
  /** What the charts need, or null when runs are not grouped. */
  chart: ChartGrouping | null;
}

interface Inputs {
  runs: RunMeta[];
  groupBy: GroupBy;
  band: GroupBand;
  expanded: string[];
  chosen: Record<string, string>;
  theme: Theme;
}

const NONE: RunGroupsView = { groups: new Map(), colors: new Map(), chart: null };

/**
 * Every chart card asks for the groups: they are computed once per change of the runs or the grouping (one entry,
 * compared by identity as React compares hook dependencies) and shared, so the cards also share one object.
 */
let last: { inputs: Inputs; view: RunGroupsView } | null = null;

/** The groups of the view's grouping over every run. */
export function useRunGroups(): RunGroupsView {
  const inputs: Inputs = {
    runs: useDashboard((s) => s.runs),
    groupBy: useDashboard((s) => s.view.groupBy),
    band: useDashboard((s) => s.view.groupBand),
    expanded: useDashboard((s) => s.view.expandedGroups),
    chosen: useDashboard((s) => s.view.groupColors),
    theme: useDashboard((s) => s.view.theme),
  };
  if (last && (Object.keys(inputs) as (keyof Inputs)[]).every((k) => last!.inputs[k] === inputs[k])) return last.view;
  const view = computeGroups(inputs);
  last = { inputs, view };
  return view;
}

function computeGroups({ runs, groupBy, band, expanded, chosen, theme }: Inputs): RunGroupsView {
  // An empty pattern (just chosen, nothing typed yet) groups nothing rather than every run into one group.
  if (groupBy.kind === 'none' || (groupBy.kind === 'pattern' && !groupBy.pattern.trim())) return NONE;
  const grouped = groupRuns(runs, groupBy);
  const open = new Set(expanded);
  const colors = new Map<string, string>();
  const groupOf = new Map<string, string>();
  const groups = new Map<string, { color: string; expanded: boolean }>();
  for (const [key, ids] of grouped.groups) {
    const color = groupColor(key, theme, chosenColor(chosen, key));
    colors.set(key, color);
    groups.set(key, { color, expanded: open.has(key) });
    for (const id of ids) groupOf.set(id, key);
  }
  return { groups: grouped.groups, colors, notice: grouped.notice, chart: { groupOf, groups, band } };
}
