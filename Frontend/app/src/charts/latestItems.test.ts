import { describe, expect, it } from 'vitest';
import { columnsFromMessage } from '../data/seriesColumns';
import { wireSeries } from '../test/wireFactory';
import { toColumns } from '../wire/toColumns';
import type { ChartInput } from './chartModel';
import { buildGroupedModel, type ChartGrouping } from './groupLines';
import { latestOfInputs, latestOfLines } from './latestItems';

const columns = (run: string, metric: string, steps: number[], value: (s: number) => number | string) =>
  columnsFromMessage(toColumns(wireSeries(run, metric, steps, value)));

const input = (run: string, steps: number[], value: (s: number) => number | string): ChartInput => ({
  series: columns(run, 'loss', steps, value),
  label: run,
  color: `color-${run}`,
  runStartMs: 1_700_000_000_000,
});

const options = { xAxis: 'step' as const, smoothing: 0, fromTimeMs: null, logScale: false };
const stepAxis = { xAxis: 'step' as const, xMetric: null, xUnit: '' };
const GROUP_COLOR = 'hsl(1 2% 3%)';

function grouping(expanded: boolean): ChartGrouping {
  return {
    groupOf: new Map([
      ['a-seed1', 'a'],
      ['a-seed2', 'a'],
    ]),
    groups: new Map([['a', { color: GROUP_COLOR, expanded }]]),
    band: 'std',
  };
}

const seed1 = input('a-seed1', [0, 1, 2], (s) => s);
const seed2 = input('a-seed2', [0, 1, 2], (s) => 3 * s);
const solo = input('solo', [0, 1], (s) => 9 - s);

describe('latestOfInputs (no grouping)', () => {
  it('shows the raw last value of the first three runs and counts the rest', () => {
    const empty = input('empty', [], (s) => s);
    const latest = latestOfInputs([seed1, empty, solo, seed2, input('d', [0], () => 1)]);

    expect(latest.items).toEqual([
      { kind: 'run', id: 'a-seed1', color: 'color-a-seed1', value: 2, title: 'a-seed1 at step 2' },
      { kind: 'run', id: 'solo', color: 'color-solo', value: 8, title: 'solo at step 1' },
    ]);
    expect(latest.more).toBe(2);
  });
});

describe('latestOfLines (grouped)', () => {
  it('says how many runs the last mean stands for when one run is ahead of the others', () => {
    const ahead = input('a-seed2', [0, 1, 2, 3], (s) => 3 * s);
    const model = buildGroupedModel([seed1, ahead], options, grouping(false));

    const latest = latestOfLines(model.lines, [seed1, ahead], stepAxis);

    expect(latest.items).toEqual([{ kind: 'group', id: 'a', color: GROUP_COLOR, value: 9, title: 'a (mean of 1 of 2) at step 3' }]);
  });

  it("shows a collapsed group's mean, not its runs, in the order the chart draws its lines", () => {
    const model = buildGroupedModel([seed1, seed2, solo], options, grouping(false));

    const latest = latestOfLines(model.lines, [seed1, seed2, solo], stepAxis);

    expect(latest.items).toEqual([
      { kind: 'run', id: 'solo', color: 'color-solo', value: 8, title: 'solo at step 1' },
      { kind: 'group', id: 'a', color: GROUP_COLOR, value: 4, title: 'a (mean of 2) at step 2' },
    ]);
    expect(latest.more).toBe(0);
  });

  it("shows an expanded group's runs with their own values in the group's colour", () => {
    const model = buildGroupedModel([seed1, seed2, solo], options, grouping(true));

    const latest = latestOfLines(model.lines, [seed1, seed2, solo], stepAxis);

    expect(latest.items.map((i) => [i.kind, i.id, i.color, i.value])).toEqual([
      ['run', 'a-seed1', GROUP_COLOR, 2],
      ['run', 'a-seed2', GROUP_COLOR, 6],
      ['run', 'solo', 'color-solo', 8],
    ]);
  });

  it('shows the unsmoothed mean and raw run values when the chart draws smoothed lines', () => {
    const model = buildGroupedModel([seed1, seed2, solo], { ...options, smoothing: 0.9 }, grouping(false));

    const latest = latestOfLines(model.lines, [seed1, seed2, solo], stepAxis);

    expect(latest.items.map((i) => i.value)).toEqual([8, 4]);
    expect(latest.more).toBe(0);
  });

  it('takes the mean at the largest x where it is finite', () => {
    const broken = [input('a-seed1', [0, 1, 2], (s) => (s === 2 ? 'NaN' : s)), input('a-seed2', [0, 1, 2], (s) => (s === 2 ? 'NaN' : 3 * s))];
    const model = buildGroupedModel(broken, options, grouping(false));

    const [mean] = latestOfLines(model.lines, broken, stepAxis).items;

    expect([mean.value, mean.title]).toEqual([2, 'a (mean of 2) at step 1']);
  });

  it('counts the drawn lines beyond the first three, not the runs hidden in a group', () => {
    const others = ['b', 'c', 'd'].map((run) => input(run, [0], () => 1));
    const inputs = [seed1, seed2, ...others];
    const model = buildGroupedModel(inputs, { ...options, smoothing: 0.5 }, grouping(false));

    const latest = latestOfLines(model.lines, inputs, stepAxis);

    expect(latest.items.map((i) => i.id)).toEqual(['b', 'c', 'd']);
    expect(latest.more).toBe(1);
  });

  it('says where the mean is on a metric x axis', () => {
    const tokens = (run: string) => columns(run, 'tokens', [0, 1, 2], (s) => 100 * s);
    const inputs = [seed1, seed2].map((i) => ({ ...i, xSeries: tokens(i.series.runId) }));
    const model = buildGroupedModel(inputs, options, grouping(false));

    const [mean] = latestOfLines(model.lines, inputs, { xAxis: 'step', xMetric: 'tokens', xUnit: 'tok' }).items;

    expect([mean.value, mean.title]).toEqual([4, 'a (mean of 2) at tokens 200 tok']);
  });
});
