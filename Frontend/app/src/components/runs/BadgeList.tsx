import { formatStep } from '../../format/format';
import { useDashboard } from '../../state/dashboardStore';
import { toggleRun } from '../../state/viewState';
import type { RunMeta } from '../../wire/types';
import { RunColorInput } from './RunColorInput';
import { useRunColors } from './useRunColors';

/** A badge per run: click toggles it; the colour input beside it changes its colour. */
export function BadgeList({ runs, selected, emptyText }: { runs: readonly RunMeta[]; selected: ReadonlySet<string>; emptyText: string }) {
  const selection = useDashboard((s) => s.view.selection);
  const setView = useDashboard((s) => s.setView);
  const { colorOf, isChosen, setRunColor, resetRunColor } = useRunColors();
  return (
    <div className="badges">
      {runs.length === 0 && <span className="empty">{emptyText}</span>}
      {runs.map((run) => {
        const on = selected.has(run.run_id);
        const color = colorOf(run.run_id);
        return (
          <span key={run.run_id} className="badge-item" style={{ '--run-color': color } as React.CSSProperties}>
            <RunColorInput id={run.run_id} color={color} kind="run" onChange={setRunColor} onReset={isChosen(run.run_id) ? resetRunColor : undefined} />
            <button
              type="button"
              className={`badge ${on ? 'on' : 'off'}`}
              aria-pressed={on}
              data-testid="run-badge"
              data-run={run.run_id}
              data-active={run.is_active}
              title={`${run.run_id} (${run.source}) — step ${formatStep(run.latest_step)}, last event ${run.last_event_time}`}
              onClick={() => setView({ selection: toggleRun(selection, run.run_id) })}
            >
              <span className={`activity-dot ${run.is_active ? 'active' : 'inactive'}`} data-testid="run-activity" aria-label={run.is_active ? 'active' : 'inactive'} />
              <span className="badge-label">{run.run_id}</span>
            </button>
          </span>
        );
      })}
    </div>
  );
}
