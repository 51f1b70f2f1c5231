import { describe, expect, it } from 'vitest';
import type { RunMeta } from '../../wire/types';
import { BASE_COLUMNS, cellFilter, configColumn, configKeys, tableRows } from './runColumns';

function run(run_id: string, latest_step: number, config?: RunMeta['config'], is_active = true): RunMeta {
  return { run_id, source: 'clickhouse', start_time: '', last_event_time: '2026-11-25T10:00:00.000Z', latest_step, is_active, config };
}

const runs = [
  run('run-10', 500, { lr: 0.001, opt: 'adam', warm: true }),
  run('run-2', 40, { lr: 0.0003, opt: 'SGD' }),
  run('run-1', 7000, { lr: 0.01, opt: 'adamw', warm: false }, false),
  run('baseline', 40),
];
const ids = (list: readonly RunMeta[]) => list.map((r) => r.run_id);
const columns = [...BASE_COLUMNS, ...configKeys(runs).map(configColumn)];

describe('runs table', () => {
  it('has a column per config key of the runs, in natural order', () => {
    expect(columns.map((c) => c.id)).toEqual(['name', 'source', 'state', 'step', 'updated', 'config.lr', 'config.opt', 'config.warm']);
  });

  it('sorts names naturally and numbers numerically, in either direction', () => {
    expect(ids(tableRows(runs, columns, {}, { column: 'name', descending: false }))).toEqual(['baseline', 'run-1', 'run-2', 'run-10']);
    expect(ids(tableRows(runs, columns, {}, { column: 'name', descending: true }))).toEqual(['run-10', 'run-2', 'run-1', 'baseline']);
    // Equal steps keep the order given.
    expect(ids(tableRows(runs, columns, {}, { column: 'step', descending: false }))).toEqual(['run-2', 'baseline', 'run-10', 'run-1']);
  });

  it('sorts a config column by value, runs without one last in both directions', () => {
    expect(ids(tableRows(runs, columns, {}, { column: 'config.lr', descending: false }))).toEqual(['run-2', 'run-10', 'run-1', 'baseline']);
    expect(ids(tableRows(runs, columns, {}, { column: 'config.lr', descending: true }))).toEqual(['run-1', 'run-10', 'run-2', 'baseline']);
    expect(ids(tableRows(runs, columns, {}, { column: 'config.opt', descending: false }))).toEqual(['run-10', 'run-1', 'run-2', 'baseline']);
    expect(ids(tableRows(runs, columns, {}, { column: 'config.warm', descending: false }))).toEqual(['run-1', 'run-10', 'run-2', 'baseline']);
  });

  it('keeps the given order without a sort, or with a column that is not there', () => {
    expect(ids(tableRows(runs, columns, {}, null))).toEqual(ids(runs));
    expect(ids(tableRows(runs, columns, {}, { column: 'config.gone', descending: false }))).toEqual(ids(runs));
  });

  it('filters by text in any column, and by comparison on numbers', () => {
    expect(ids(tableRows(runs, columns, { 'config.opt': 'ADAM' }, null))).toEqual(['run-10', 'run-1']);
    expect(ids(tableRows(runs, columns, { 'config.lr': '>=0.001' }, null))).toEqual(['run-10', 'run-1']);
    expect(ids(tableRows(runs, columns, { step: '<100', name: 'run' }, null))).toEqual(['run-2']);
    expect(ids(tableRows(runs, columns, { state: 'finished' }, null))).toEqual(['run-1']);
    expect(ids(tableRows(runs, columns, { 'config.lr': '  ' }, null))).toEqual(ids(runs));
  });

  it('compares only numbers, and reads 1e-3 and .5 as numbers', () => {
    expect(cellFilter('<1e-3')(0.0003, '')).toBe(true);
    expect(cellFilter('=.5')(0.5, '')).toBe(true);
    expect(cellFilter('>1')('5', '5')).toBe(false);
    expect(cellFilter('> x')('a', '> x')).toBe(true);
  });
});
