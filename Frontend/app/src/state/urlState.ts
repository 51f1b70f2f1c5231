import {
  defaultView,
  HISTORY_LIMITS,
  RANGE_IDS,
  TAB_IDS,
  TOOLTIP_SORTS,
  X_AXES,
  type HistoryLimit,
  type RangeId,
  type TabId,
  type TooltipSort,
  type ViewState,
  type XAxisMode,
} from './viewState';
import { appendRunView, readRunView } from './runViewUrl';

/**
 * The view as URL query parameters, leaving defaults out so links stay short. Lists are repeated parameters
 * (run ids may contain commas). Unknown or bad values fall back to the default rather than failing the page.
 */
export function viewToQuery(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.tab !== defaultView.tab) params.set('tab', view.tab);
  if (view.range !== defaultView.range) params.set('range', view.range);
  if (view.xMetric) params.set('x', METRIC_X_PREFIX + view.xMetric);
  else if (view.xAxis !== defaultView.xAxis) params.set('x', view.xAxis);
  if (view.smoothing !== defaultView.smoothing) params.set('smooth', String(view.smoothing));
  for (const metric of view.logMetrics) params.append('log', metric);
  if (view.selection.mode === 'only') {
    params.set('runs', 'only');
    for (const id of view.selection.ids) params.append('run', id);
  } else {
    for (const id of view.selection.ids) params.append('hide', id);
  }
  if (view.runSearch) params.set('q', view.runSearch);
  if (view.metricFilter) params.set('filter', view.metricFilter);
  if (view.theme !== defaultView.theme) params.set('theme', view.theme);
  if (view.showEnvelope !== defaultView.showEnvelope) params.set('band', view.showEnvelope ? '1' : '0');
  if (view.analyticsRun) params.set('arun', view.analyticsRun);
  if (view.historyLimit !== defaultView.historyLimit) params.set('hist', String(view.historyLimit));
  if (view.tooltipSort !== defaultView.tooltipSort) params.set('tooltip', view.tooltipSort);
  if (view.enlarged) params.set('chart', view.enlarged);
  appendRunView(params, view);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `x=metric:<name>` plots against a metric of each run instead of step, wall or relative time. */
const METRIC_X_PREFIX = 'metric:';

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function queryToView(query: string): ViewState {
  const params = new URLSearchParams(query);
  const smoothing = Number(params.get('smooth'));
  const hist = Number(params.get('hist'));
  const only = params.get('runs') === 'only';
  const theme = params.get('theme');
  const band = params.get('band');
  const x = params.get('x');
  const xMetric = x?.startsWith(METRIC_X_PREFIX) ? x.slice(METRIC_X_PREFIX.length) : '';
  return {
    tab: oneOf<TabId>(TAB_IDS, params.get('tab'), defaultView.tab),
    range: oneOf<RangeId>(RANGE_IDS, params.get('range'), defaultView.range),
    xAxis: oneOf<XAxisMode>(X_AXES, x, defaultView.xAxis),
    smoothing: Number.isFinite(smoothing) && smoothing >= 0 && smoothing <= 0.99 ? smoothing : defaultView.smoothing,
    logMetrics: unique(params.getAll('log')),
    selection: only ? { mode: 'only', ids: unique(params.getAll('run')) } : { mode: 'all', ids: unique(params.getAll('hide')) },
    runSearch: params.get('q') ?? '',
    metricFilter: params.get('filter') ?? '',
    theme: theme === 'light' || theme === 'dark' ? theme : defaultView.theme,
    showEnvelope: band === null ? defaultView.showEnvelope : band !== '0',
    analyticsRun: params.get('arun') || null,
    historyLimit: (HISTORY_LIMITS as readonly number[]).includes(hist) ? (hist as HistoryLimit) : defaultView.historyLimit,
    xMetric: xMetric || null,
    tooltipSort: oneOf<TooltipSort>(TOOLTIP_SORTS, params.get('tooltip'), defaultView.tooltipSort),
    enlarged: params.get('chart') || null,
    ...readRunView(params),
  };
}

function unique(values: string[]): string[] {
  return Array.from(new Set(values.filter((v) => v.length > 0)));
}
