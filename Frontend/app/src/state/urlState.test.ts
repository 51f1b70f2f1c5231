import { describe, expect, it } from 'vitest';
import { parseAsBrowser, UNUSUAL_RUN_IDS } from '../test/unusualRunIds';
import { queryToView, viewToQuery } from './urlState';
import { defaultView, isRunSelected, selectRuns, toggleRun, type ViewState } from './viewState';

describe('URL state', () => {
  it('leaves the default view out of the URL', () => {
    expect(viewToQuery(defaultView)).toBe('');
    expect(queryToView('')).toEqual(defaultView);
  });

  it('round-trips every part of a view', () => {
    const view: ViewState = {
      tab: 'system',
      range: '6h',
      xAxis: 'relative',
      smoothing: 0.85,
      logMetrics: ['loss_t1', 'Loss/batch'],
      selection: { mode: 'only', ids: ['run,a', 'run b'] },
      runSearch: 'llm',
      metricFilter: 'gpu',
      theme: 'light',
      showEnvelope: false,
      analyticsRun: 'icon-1',
      historyLimit: 500,
      xMetric: null,
      tooltipSort: 'nearest',
      enlarged: 'Loss/batch',
      runsView: 'table',
      groupBy: { kind: 'pattern', pattern: '(.*)-seed\\d+' },
      groupBand: 'minmax',
      expandedGroups: ['lr 3', 'a,b'],
      runColors: { 'run,a': '#ff0000', ['__proto__']: '#00ff00' },
      groupColors: { 'lr 3': '#0000ff' },
      tableSort: { column: 'config.lr', descending: true },
    };

    const query = viewToQuery(view);

    expect(queryToView(query)).toEqual(view);
    expect(query).toContain('run=run%2Ca');
  });

  it.each(UNUSUAL_RUN_IDS)('round-trips run %j through the address bar', (runId) => {
    const shown: ViewState = { ...defaultView, selection: { mode: 'only', ids: [runId, 'other'] }, analyticsRun: runId };
    const hidden: ViewState = { ...defaultView, selection: { mode: 'all', ids: [runId] } };
    const colored: ViewState = { ...defaultView, runColors: { [runId]: '#123abc' }, groupColors: { [runId]: '#abcdef' }, expandedGroups: [runId] };

    for (const view of [shown, hidden, colored]) {
      const url = parseAsBrowser(`/${viewToQuery(view)}`);

      expect(url.hash).toBe('');
      expect(queryToView(url.search)).toEqual(view);
    }
    const url = parseAsBrowser(`/${viewToQuery(shown)}`);
    expect(url.searchParams.getAll('run')).toEqual([runId, 'other']);
    expect(url.searchParams.get('arun')).toBe(runId);
  });

  it('writes a metric x axis as x=metric:<name> and reads it back, whatever the name holds', () => {
    for (const name of ['tokens.total', 'a/b:c,d&e=f %', 'metric:nested']) {
      const view: ViewState = { ...defaultView, xMetric: name };

      const url = parseAsBrowser(`/${viewToQuery(view)}`);

      expect(url.searchParams.get('x')).toBe(`metric:${name}`);
      expect(queryToView(url.search)).toEqual(view);
    }
  });

  it('reads the tooltip order and the enlarged chart from a shared link', () => {
    const view = queryToView('?tooltip=descending&chart=loss_t1&x=metric:tokens.total');

    expect(view.tooltipSort).toBe('descending');
    expect(view.enlarged).toBe('loss_t1');
    expect(view.xMetric).toBe('tokens.total');
    expect(view.xAxis).toBe('step');
  });

  it('falls back to defaults for values it does not know', () => {
    const view = queryToView('?tab=nope&range=2y&x=?&smooth=5&hist=7&theme=pink&tooltip=sideways&chart=');
    expect(view).toEqual(defaultView);
    expect(queryToView('?x=metric:')).toEqual(defaultView);
  });

  it('drops colours that are not #rrggbb and keeps the group key or pattern given', () => {
    const view = queryToView('?color=red-run&color=%23ff000zrun&color=%23FF0000&color=%2300FF00ok&gband=wide&runsview=list&sort=-');
    expect(view.runColors).toEqual({ ok: '#00ff00' });
    expect([view.groupBand, view.runsView, view.tableSort]).toEqual(['std', 'badges', null]);
    expect(queryToView('?group=lr').groupBy).toEqual({ kind: 'config', key: 'lr' });
    expect(queryToView('?gpattern=(.*)-seed').groupBy).toEqual({ kind: 'pattern', pattern: '(.*)-seed' });
    expect(viewToQuery({ ...defaultView, groupBy: { kind: 'pattern', pattern: '' } })).toBe('');
  });

  it('keeps hidden runs in "all" mode so later runs are shown', () => {
    const view = queryToView('?hide=a&hide=b');
    expect(view.selection).toEqual({ mode: 'all', ids: ['a', 'b'] });
    expect(isRunSelected(view.selection, 'a')).toBe(false);
    expect(isRunSelected(view.selection, 'new-run')).toBe(true);
  });
});

describe('run selection', () => {
  it('toggles, selects none and all', () => {
    let s = toggleRun(defaultView.selection, 'a');
    expect(isRunSelected(s, 'a')).toBe(false);
    s = toggleRun(s, 'a');
    expect(isRunSelected(s, 'a')).toBe(true);
    s = selectRuns(s, ['a', 'b'], false, true);
    expect(s).toEqual({ mode: 'only', ids: [] });
    s = selectRuns(s, ['a'], true, false);
    expect(isRunSelected(s, 'a')).toBe(true);
    expect(isRunSelected(s, 'b')).toBe(false);
  });
});
