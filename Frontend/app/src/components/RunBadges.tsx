import { useMemo } from 'react';
import { textFilter } from '../format/textFilter';
import { useVisibleRuns } from '../hooks/useRuns';
import { useDashboard } from '../state/dashboardStore';
import { RUNS_VIEWS, type RunsView } from '../state/runView';
import { selectRuns } from '../state/viewState';
import { ChipRadioGroup } from './ChipRadioGroup';
import { BadgeList } from './runs/BadgeList';
import { GroupControls } from './runs/GroupControls';
import { RunsTable } from './runs/RunsTable';

const VIEW_LABEL: Record<RunsView, string> = { badges: 'Badges', table: 'Table' };

/**
 * The runs in range, as badges or as a table: a search box (a case-insensitive regular expression, or plain text
 * when the pattern is not one that is safe to run) narrows the list and what All/None apply to; grouping below.
 */
export function RunBadges() {
  const { inRange, selected } = useVisibleRuns();
  const runSearch = useDashboard((s) => s.view.runSearch);
  const selection = useDashboard((s) => s.view.selection);
  const runsView = useDashboard((s) => s.view.runsView);
  const setView = useDashboard((s) => s.setView);
  const filter = useMemo(() => textFilter(runSearch), [runSearch]);
  const searching = runSearch.trim().length > 0;
  const shown = useMemo(() => (searching ? inRange.filter((r) => filter.matches(r.run_id)) : inRange), [inRange, filter, searching]);
  const shownIds = shown.map((r) => r.run_id);
  const everyRunShown = !searching;

  return (
    <div className="runs" data-testid="runs">
      <div className="runs-tools">
        <input
          type="search"
          className="run-search"
          placeholder={`Search ${inRange.length} runs (regex)`}
          value={runSearch}
          onChange={(e) => setView({ runSearch: e.target.value })}
          data-testid="run-search"
          aria-label="Search runs (regular expression or text)"
        />
        {filter.notice && (
          <span className="filter-notice" role="status" data-testid="run-search-notice">
            {filter.notice}
          </span>
        )}
        <button type="button" className="chip" data-testid="runs-all" onClick={() => setView({ selection: selectRuns(selection, shownIds, true, everyRunShown) })}>
          All
        </button>
        <button type="button" className="chip" data-testid="runs-none" onClick={() => setView({ selection: selectRuns(selection, shownIds, false, everyRunShown) })}>
          None
        </button>
        <span className="runs-count" data-testid="runs-count">
          {selected.size}/{inRange.length} shown
        </span>
        <ChipRadioGroup
          label="Show runs as"
          className="runs-view"
          options={RUNS_VIEWS}
          value={runsView}
          optionLabel={(v) => VIEW_LABEL[v]}
          optionTestId={(v) => `runs-view-${v}`}
          onChange={(v) => setView({ runsView: v })}
        />
        <GroupControls />
      </div>
      {runsView === 'table' ? (
        <RunsTable runs={shown} selected={selected} />
      ) : (
        <BadgeList runs={shown} selected={selected} emptyText={inRange.length === 0 ? 'No runs in this time range yet.' : 'No run matches.'} />
      )}
    </div>
  );
}
