import { memo } from 'react';
import type { RunMeta } from '../../wire/types';
import type { RunColumn } from './runColumns';
import { RunColorInput } from './RunColorInput';

interface RunsTableRowProps {
  run: RunMeta;
  columns: readonly RunColumn[];
  selected: boolean;
  color: string;
  onToggle: (runId: string) => void;
  onColor: (runId: string, hex: string) => void;
  onResetColor?: (runId: string) => void;
}

/** One run. Re-rendered only when what it shows changes: a runs_meta that repeats a run leaves its row alone. */
export const RunsTableRow = memo(function RunsTableRow({ run, columns, selected, color, onToggle, onColor, onResetColor }: RunsTableRowProps) {
  return (
    <tr data-testid="runs-table-row" data-run={run.run_id} className={selected ? 'on' : 'off'}>
      <td className="runs-table-check">
        <input type="checkbox" checked={selected} onChange={() => onToggle(run.run_id)} aria-label={`Show ${run.run_id}`} data-testid="runs-table-toggle" />
      </td>
      <td className="runs-table-color">
        <RunColorInput id={run.run_id} color={color} kind="run" onChange={onColor} onReset={onResetColor} />
      </td>
      {columns.map((column) => (
        <td key={column.id} data-column={column.id} className={column.id === 'name' ? 'runs-table-name' : undefined}>
          {column.id === 'state' && <span className={`activity-dot ${run.is_active ? 'active' : 'inactive'}`} aria-hidden="true" />}
          {column.text(run)}
        </td>
      ))}
    </tr>
  );
}, sameRow);

function sameRow(a: RunsTableRowProps, b: RunsTableRowProps): boolean {
  if (a.columns !== b.columns || a.selected !== b.selected || a.color !== b.color || a.onToggle !== b.onToggle || a.onColor !== b.onColor || a.onResetColor !== b.onResetColor) return false;
  if (a.run === b.run) return true;
  // Each runs_meta parses new objects: compare what the row shows.
  return a.columns.every((column) => column.value(a.run) === column.value(b.run)) && a.run.is_active === b.run.is_active;
}
