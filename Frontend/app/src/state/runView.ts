/** How the run list is shown above the charts. */
export const RUNS_VIEWS = ['badges', 'table'] as const;
export type RunsView = (typeof RUNS_VIEWS)[number];

/** How runs are grouped: not at all, by the value of a config key, or by a name pattern (docs/frontend.md). */
export type GroupBy = { kind: 'none' } | { kind: 'config'; key: string } | { kind: 'pattern'; pattern: string };

export const GROUP_BANDS = ['std', 'minmax'] as const;
/** The band around a group's mean line: mean ± standard deviation, or the runs' minimum to maximum. */
export type GroupBand = (typeof GROUP_BANDS)[number];

/** A runs-table sort: the column and its direction. */
export interface TableSort {
  column: string;
  descending: boolean;
}

/** The run and group parts of the view; like the rest of the view they live in the URL. */
export interface RunViewState {
  runsView: RunsView;
  groupBy: GroupBy;
  groupBand: GroupBand;
  /** Groups drawn as their runs (thin lines in the group colour) instead of mean and band. */
  expandedGroups: string[];
  /** Colours the user chose, `#rrggbb` by run id; other runs keep their default colour. */
  runColors: Record<string, string>;
  /** Colours the user chose, `#rrggbb` by group key. */
  groupColors: Record<string, string>;
  tableSort: TableSort | null;
}

export const defaultRunView: RunViewState = {
  runsView: 'badges',
  groupBy: { kind: 'none' },
  groupBand: 'std',
  expandedGroups: [],
  runColors: {},
  groupColors: {},
  tableSort: null,
};

/** The colour chosen for a run or group, if any (own keys only: a run may be called "constructor"). */
export function chosenColor(colors: Readonly<Record<string, string>>, id: string): string | undefined {
  return Object.hasOwn(colors, id) ? colors[id] : undefined;
}
