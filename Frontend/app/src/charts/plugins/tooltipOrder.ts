import type { TooltipSort } from '../../state/viewState';

/** What the tooltip orders: a row's value at the cursor (NaN and ±Inf possible). */
export interface OrderedRow {
  value: number;
}

/**
 * Orders tooltip rows as TensorBoard does: `default` keeps the chart's run order, `descending` and `ascending` sort
 * by the value at the cursor, `nearest` puts the run whose value is nearest the cursor's y first. A non-finite value
 * cannot be compared: those rows go last, in run order. The sort is stable, so equal values keep run order.
 */
export function orderRows<T extends OrderedRow>(rows: readonly T[], mode: TooltipSort, cursorY: number): T[] {
  if (mode === 'default') return rows.slice();
  const key = (row: T): number =>
    mode === 'descending' ? -row.value : mode === 'ascending' ? row.value : Number.isFinite(cursorY) ? Math.abs(row.value - cursorY) : 0;
  const finite = rows.filter((r) => Number.isFinite(r.value));
  const rest = rows.filter((r) => !Number.isFinite(r.value));
  return [...finite.sort((a, b) => key(a) - key(b)), ...rest];
}
