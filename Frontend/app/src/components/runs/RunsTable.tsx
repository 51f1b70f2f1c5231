import { useCallback, useMemo, useState } from 'react';
import { useDashboard } from '../../state/dashboardStore';
import { toggleRun } from '../../state/viewState';
import type { RunMeta } from '../../wire/types';
import { BASE_COLUMNS, configColumn, configKeys, tableRows, type RunColumn } from './runColumns';
import { RunsTableRow } from './RunsTableRow';
import { useRunColors } from './useRunColors';

/**
 * The runs as a table: name, source, state, latest step, last update and a column per config key; a header sorts
 * (again to reverse), a box under it filters. Columns, filtering and sorting are memoized on the runs list, so a
 * delta (which does not touch the runs) renders nothing here, and a runs_meta re-renders only the rows that changed.
 */
export function RunsTable({ runs, selected }: { runs: readonly RunMeta[]; selected: ReadonlySet<string> }) {
  const sort = useDashboard((s) => s.view.tableSort);
  const setView = useDashboard((s) => s.setView);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const { colorOf, isChosen, setRunColor, resetRunColor } = useRunColors();
  const keys = useMemo(() => configKeys(runs).join('\u001f'), [runs]);
  const columns = useMemo<RunColumn[]>(() => [...BASE_COLUMNS, ...(keys ? keys.split('\u001f') : []).map(configColumn)], [keys]);
  const rows = useMemo(() => tableRows(runs, columns, filters, sort), [runs, columns, filters, sort]);

  const onToggle = useCallback((runId: string) => {
    const { view, setView: set } = useDashboard.getState();
    set({ selection: toggleRun(view.selection, runId) });
  }, []);
  const sortBy = (column: string) =>
    setView({ tableSort: sort?.column === column ? { column, descending: !sort.descending } : { column, descending: false } });

  return (
    <div className="runs-table-wrap">
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col" className="runs-table-check">
              <span className="visually-hidden">Shown</span>
            </th>
            <th scope="col" className="runs-table-color">
              <span className="visually-hidden">Colour</span>
            </th>
            {columns.map((column) => (
              <SortHeader key={column.id} column={column} sort={sort?.column === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'} onSort={sortBy} />
            ))}
          </tr>
          <tr className="runs-table-filters">
            <td />
            <td />
            {columns.map((column) => (
              <td key={column.id}>
                <input
                  type="search"
                  value={filters[column.id] ?? ''}
                  onChange={(e) => setFilters((f) => ({ ...f, [column.id]: e.target.value }))}
                  placeholder="filter"
                  aria-label={`Filter ${column.label}`}
                  data-testid="runs-table-filter"
                  data-column={column.id}
                />
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((run) => (
            <RunsTableRow
              key={run.run_id}
              run={run}
              columns={columns}
              selected={selected.has(run.run_id)}
              color={colorOf(run.run_id)}
              onToggle={onToggle}
              onColor={setRunColor}
              onResetColor={isChosen(run.run_id) ? resetRunColor : undefined}
            />
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="empty">No run matches.</p>}
    </div>
  );
}

function SortHeader({ column, sort, onSort }: { column: RunColumn; sort: 'ascending' | 'descending' | 'none'; onSort: (id: string) => void }) {
  // A button sorts with Enter and Space; the header cell carries the state for assistive technology.
  return (
    <th scope="col" aria-sort={sort} data-testid="runs-table-header" data-column={column.id}>
      <button type="button" className="sort-button" onClick={() => onSort(column.id)} title={`Sort by ${column.label}`}>
        {column.label}
        <span className="sort-mark" aria-hidden="true">
          {sort === 'ascending' ? ' ▲' : sort === 'descending' ? ' ▼' : ''}
        </span>
      </button>
    </th>
  );
}
