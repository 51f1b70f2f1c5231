import { useMemo } from 'react';
import { runColor } from '../charts/colors';
import { formatStep } from '../format/format';
import { useVisibleRuns } from '../hooks/useRuns';
import { useDashboard } from '../state/dashboardStore';
import { selectRuns, toggleRun } from '../state/viewState';

/** A badge per run in range: click toggles it; a search box narrows the list and what All/None apply to. */
export function RunBadges() {
  const { inRange, selected } = useVisibleRuns();
  const view = useDashboard((s) => s.view);
  const setView = useDashboard((s) => s.setView);
  const search = view.runSearch.trim().toLowerCase();
  const shown = useMemo(() => (search ? inRange.filter((r) => r.run_id.toLowerCase().includes(search)) : inRange), [inRange, search]);
  const shownIds = shown.map((r) => r.run_id);
  const everyRunShown = !search;

  return (
    <div className="runs" data-testid="runs">
      <div className="runs-tools">
        <input
          type="search"
          className="run-search"
          placeholder={`Search ${inRange.length} runs`}
          value={view.runSearch}
          onChange={(e) => setView({ runSearch: e.target.value })}
          data-testid="run-search"
          aria-label="Search runs"
        />
        <button type="button" className="chip" data-testid="runs-all" onClick={() => setView({ selection: selectRuns(view.selection, shownIds, true, everyRunShown) })}>
          All
        </button>
        <button type="button" className="chip" data-testid="runs-none" onClick={() => setView({ selection: selectRuns(view.selection, shownIds, false, everyRunShown) })}>
          None
        </button>
        <span className="runs-count" data-testid="runs-count">
          {selected.size}/{inRange.length} shown
        </span>
      </div>
      <div className="badges">
        {shown.length === 0 && <span className="empty">{inRange.length === 0 ? 'No runs in this time range yet.' : 'No run matches.'}</span>}
        {shown.map((run) => {
          const on = selected.has(run.run_id);
          return (
            <button
              key={run.run_id}
              type="button"
              className={`badge ${on ? 'on' : 'off'}`}
              aria-pressed={on}
              data-testid="run-badge"
              data-run={run.run_id}
              data-active={run.is_active}
              title={`${run.run_id} (${run.source}) — step ${formatStep(run.latest_step)}, last event ${run.last_event_time}`}
              onClick={() => setView({ selection: toggleRun(view.selection, run.run_id) })}
              style={{ '--run-color': runColor(run.run_id, view.theme) } as React.CSSProperties}
            >
              <span className={`activity-dot ${run.is_active ? 'active' : 'inactive'}`} data-testid="run-activity" aria-label={run.is_active ? 'active' : 'inactive'} />
              <span className="badge-label">{run.run_id}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
