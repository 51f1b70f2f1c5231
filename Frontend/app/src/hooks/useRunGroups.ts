import { useMemo } from 'react';
import { groupColor } from '../charts/colors';
import type { ChartGrouping } from '../charts/groupLines';
import { groupRuns } from '../data/groups';
import { useDashboard } from '../state/dashboardStore';
import { chosenColor } from '../state/runView';

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

const NONE: RunGroupsView = { groups: new Map(), colors: new Map(), chart: null };

/** The groups of the view's grouping over every run, recomputed only when the runs or the grouping change. */
export function useRunGroups(): RunGroupsView {
  const runs = useDashboard((s) => s.runs);
  const groupBy = useDashboard((s) => s.view.groupBy);
  const band = useDashboard((s) => s.view.groupBand);
  const expanded = useDashboard((s) => s.view.expandedGroups);
  const chosen = useDashboard((s) => s.view.groupColors);
  const theme = useDashboard((s) => s.view.theme);
  // An empty pattern (just chosen, nothing typed yet) groups nothing rather than every run into one group.
  const grouped = useMemo(() => (groupBy.kind === 'none' || (groupBy.kind === 'pattern' && !groupBy.pattern.trim()) ? null : groupRuns(runs, groupBy)), [runs, groupBy]);
  return useMemo(() => {
    if (!grouped) return NONE;
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
  }, [grouped, band, expanded, chosen, theme]);
}
