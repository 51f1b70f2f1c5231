import { defaultRunView, GROUP_BANDS, RUNS_VIEWS, type GroupBy, type RunViewState, type TableSort } from './runView';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/**
 * The run and group parts of the view as query parameters: `runsview`, `group` (a config key) or `gpattern` (a name
 * pattern), `gband`, `gopen` (repeated), `color` and `gcolor` (repeated, the colour's seven characters followed by the
 * run id or group key, so any id survives without a separator), `sort` (a column id, `-` before it for descending).
 */
export function appendRunView(params: URLSearchParams, view: RunViewState): void {
  if (view.runsView !== defaultRunView.runsView) params.set('runsview', view.runsView);
  if (view.groupBy.kind === 'config') params.set('group', view.groupBy.key);
  // A pattern not typed yet groups nothing, as no grouping does.
  if (view.groupBy.kind === 'pattern' && view.groupBy.pattern) params.set('gpattern', view.groupBy.pattern);
  if (view.groupBand !== defaultRunView.groupBand) params.set('gband', view.groupBand);
  for (const key of view.expandedGroups) params.append('gopen', key);
  for (const [id, color] of Object.entries(view.runColors)) params.append('color', color + id);
  for (const [key, color] of Object.entries(view.groupColors)) params.append('gcolor', color + key);
  if (view.tableSort) params.set('sort', (view.tableSort.descending ? '-' : '') + view.tableSort.column);
}

export function readRunView(params: URLSearchParams): RunViewState {
  const runsView = params.get('runsview');
  const band = params.get('gband');
  return {
    runsView: RUNS_VIEWS.find((v) => v === runsView) ?? defaultRunView.runsView,
    groupBy: readGroupBy(params),
    groupBand: GROUP_BANDS.find((b) => b === band) ?? defaultRunView.groupBand,
    expandedGroups: Array.from(new Set(params.getAll('gopen'))),
    runColors: readColors(params.getAll('color')),
    groupColors: readColors(params.getAll('gcolor')),
    tableSort: readSort(params.get('sort')),
  };
}

function readGroupBy(params: URLSearchParams): GroupBy {
  const key = params.get('group');
  if (key) return { kind: 'config', key };
  const pattern = params.get('gpattern');
  if (pattern) return { kind: 'pattern', pattern };
  return { kind: 'none' };
}

function readColors(values: string[]): Record<string, string> {
  // fromEntries defines own properties, so even a run named "__proto__" is just a key.
  return Object.fromEntries(
    values.filter((value) => HEX_COLOR.test(value.slice(0, 7)) && value.length > 7).map((value) => [value.slice(7), value.slice(0, 7).toLowerCase()]),
  );
}

function readSort(value: string | null): TableSort | null {
  if (!value) return null;
  const descending = value.startsWith('-');
  const column = descending ? value.slice(1) : value;
  return column ? { column, descending } : null;
}
