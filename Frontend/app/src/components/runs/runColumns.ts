import { formatStep, formatTime } from '../../format/format';
import type { TableSort } from '../../state/runView';
import type { RunMeta } from '../../wire/types';

export type CellValue = string | number | boolean | undefined;

/** A column of the runs table: its id (in the URL's `sort`), header, value for sorting and text for showing and filtering. */
export interface RunColumn {
  id: string;
  label: string;
  value: (run: RunMeta) => CellValue;
  text: (run: RunMeta) => string;
}

const CONFIG_PREFIX = 'config.';

export const BASE_COLUMNS: readonly RunColumn[] = [
  { id: 'name', label: 'Run', value: (r) => r.run_id, text: (r) => r.run_id },
  { id: 'source', label: 'Source', value: (r) => r.source, text: (r) => r.source },
  { id: 'state', label: 'State', value: (r) => stateOf(r), text: (r) => stateOf(r) },
  { id: 'step', label: 'Latest step', value: (r) => r.latest_step, text: (r) => formatStep(r.latest_step) },
  { id: 'updated', label: 'Last update', value: (r) => Date.parse(r.last_event_time), text: (r) => formatTime(Date.parse(r.last_event_time)) },
];

function stateOf(run: RunMeta): string {
  return run.is_active ? 'active' : 'finished';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Every config key of the runs, in natural order. */
export function configKeys(runs: readonly RunMeta[]): string[] {
  const keys = new Set<string>();
  for (const run of runs) if (run.config) for (const key of Object.keys(run.config)) keys.add(key);
  return Array.from(keys).sort(collator.compare);
}

export function configColumn(key: string): RunColumn {
  const value = (r: RunMeta): CellValue => (r.config && Object.hasOwn(r.config, key) ? r.config[key] : undefined);
  return { id: CONFIG_PREFIX + key, label: key, value, text: (r) => textOf(value(r)) };
}

function textOf(value: CellValue): string {
  return value === undefined ? '' : String(value);
}

/** Numbers numerically, booleans false first, text naturally ("run-2" before "run-10"), and numbers before text. */
export function compareValues(a: CellValue, b: CellValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b !== 'number') return -1;
  if (typeof b === 'number' && typeof a !== 'number') return 1;
  return collator.compare(String(a), String(b));
}

/** Sorted by a column; runs without a value stay last in either direction, ties keep their order. */
export function sortRunsBy(runs: readonly RunMeta[], column: RunColumn, descending: boolean): RunMeta[] {
  const values = new Map(runs.map((r) => [r, column.value(r)]));
  return [...runs].sort((x, y) => {
    const a = values.get(x);
    const b = values.get(y);
    if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? 0 : 1) : -1;
    const order = compareValues(a, b);
    return descending ? -order : order;
  });
}

const COMPARISON = /^(<=|>=|<|>|=)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i;

/**
 * A column filter: `>0.001`, `<=5`, `=3` compare a number; anything else is found in the cell's text, ignoring
 * case. An empty filter keeps every run.
 */
export function cellFilter(filter: string): (value: CellValue, text: string) => boolean {
  const trimmed = filter.trim();
  if (!trimmed) return () => true;
  const comparison = COMPARISON.exec(trimmed);
  if (comparison) {
    const [, op, number] = comparison;
    const limit = Number(number);
    return (value) => {
      if (typeof value !== 'number') return false;
      if (op === '<') return value < limit;
      if (op === '<=') return value <= limit;
      if (op === '>') return value > limit;
      if (op === '>=') return value >= limit;
      return value === limit;
    };
  }
  const lower = trimmed.toLowerCase();
  return (_value, text) => text.toLowerCase().includes(lower);
}

/** The runs every non-empty column filter keeps. */
export function filterRunsBy(runs: readonly RunMeta[], columns: readonly RunColumn[], filters: Readonly<Record<string, string>>): readonly RunMeta[] {
  const active = columns.filter((c) => Object.hasOwn(filters, c.id) && filters[c.id].trim()).map((c) => ({ column: c, keep: cellFilter(filters[c.id]) }));
  if (active.length === 0) return runs;
  return runs.filter((run) => active.every(({ column, keep }) => keep(column.value(run), column.text(run))));
}

/** The rows of the table: filtered, then sorted when a sort is set (otherwise in the order given). */
export function tableRows(runs: readonly RunMeta[], columns: readonly RunColumn[], filters: Readonly<Record<string, string>>, sort: TableSort | null): readonly RunMeta[] {
  const kept = filterRunsBy(runs, columns, filters);
  const column = sort && columns.find((c) => c.id === sort.column);
  return column ? sortRunsBy(kept, column, sort.descending) : kept;
}
