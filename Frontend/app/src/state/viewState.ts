import { defaultRunView, type RunViewState } from './runView';

export const TAB_IDS = ['training', 'model', 'system', 'checkpoints', 'progress', 'analytics', 'other'] as const;
export type TabId = (typeof TAB_IDS)[number];

export const RANGE_IDS = ['1h', '6h', '24h', '7d', 'all'] as const;
export type RangeId = (typeof RANGE_IDS)[number];

export const RANGE_MS: Record<RangeId, number | null> = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
  all: null,
};

export const X_AXES = ['step', 'wall', 'relative'] as const;
export type XAxisMode = (typeof X_AXES)[number];

/** How the tooltip orders its runs, as TensorBoard offers: run order, by value at the cursor, or nearest the cursor's y first. */
export const TOOLTIP_SORTS = ['default', 'descending', 'ascending', 'nearest'] as const;
export type TooltipSort = (typeof TOOLTIP_SORTS)[number];

export const HISTORY_LIMITS = [50, 100, 200, 500] as const;
export type HistoryLimit = (typeof HISTORY_LIMITS)[number];

export type Theme = 'dark' | 'light';

/**
 * Which runs are shown. "all" shows every run except `ids` (so a run that appears later is shown, as in
 * TensorBoard); "only" shows just `ids`.
 */
export interface RunSelection {
  mode: 'all' | 'only';
  ids: string[];
}

/** Everything a shared link must reproduce. */
export interface ViewState extends RunViewState {
  tab: TabId;
  range: RangeId;
  xAxis: XAxisMode;
  /** EMA weight, 0 (off) to 0.99. */
  smoothing: number;
  /** Metrics drawn on a log scale. */
  logMetrics: string[];
  selection: RunSelection;
  runSearch: string;
  metricFilter: string;
  theme: Theme;
  showEnvelope: boolean;
  analyticsRun: string | null;
  historyLimit: HistoryLimit;
  /** A metric plotted as the x axis instead of `xAxis` (each run's y joined with its own x metric on step). */
  xMetric: string | null;
  tooltipSort: TooltipSort;
  /** The metric whose chart fills the page. */
  enlarged: string | null;
}

export const defaultView: ViewState = {
  tab: 'training',
  range: 'all',
  xAxis: 'step',
  smoothing: 0,
  logMetrics: [],
  selection: { mode: 'all', ids: [] },
  runSearch: '',
  metricFilter: '',
  theme: 'dark',
  showEnvelope: true,
  analyticsRun: null,
  historyLimit: 100,
  xMetric: null,
  tooltipSort: 'default',
  enlarged: null,
  ...defaultRunView,
};

export function isRunSelected(selection: RunSelection, runId: string): boolean {
  const listed = selection.ids.includes(runId);
  return selection.mode === 'all' ? !listed : listed;
}

export function toggleRun(selection: RunSelection, runId: string): RunSelection {
  const ids = selection.ids.includes(runId) ? selection.ids.filter((id) => id !== runId) : [...selection.ids, runId];
  return { mode: selection.mode, ids };
}

/** "All" or "None" limited to the runs in view (after search): the others keep their state. */
export function selectRuns(selection: RunSelection, runIds: readonly string[], selected: boolean, everyRunShown: boolean): RunSelection {
  if (everyRunShown) return { mode: selected ? 'all' : 'only', ids: [] };
  let next = selection;
  for (const id of runIds) {
    if (isRunSelected(next, id) !== selected) next = toggleRun(next, id);
  }
  return next;
}
