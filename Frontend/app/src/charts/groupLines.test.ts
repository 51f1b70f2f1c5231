import { describe, expect, it } from 'vitest';
import { columnsFromMessage } from '../data/seriesColumns';
import { wireSeries } from '../test/wireFactory';
import { toColumns } from '../wire/toColumns';
import { buildGroupedModel, isGroupLine, markGroups, type ChartGrouping } from './groupLines';

const input = (run: string, steps: number[], value: (s: number) => number) => ({
  series: columnsFromMessage(toColumns(wireSeries(run, 'loss', steps, value))),
  label: run,
  color: `color-${run}`,
  runStartMs: 1_700_000_000_000,
});

const options = { xAxis: 'step' as const, smoothing: 0, fromTimeMs: null, logScale: false };

function grouping(expanded: boolean, band: 'std' | 'minmax' = 'std'): ChartGrouping {
  return {
    groupOf: new Map([
      ['a-seed1', 'a'],
      ['a-seed2', 'a'],
    ]),
    groups: new Map([['a', { color: 'hsl(1 2% 3%)', expanded }]]),
    band,
  };
}

describe('buildGroupedModel', () => {
  const inputs = [input('a-seed1', [0, 1, 2], (s) => s), input('a-seed2', [0, 1, 2], (s) => 3 * s), input('solo', [0, 1], () => 9)];

  it('draws a collapsed group as its mean, with mean ± std as the band, beside ungrouped runs', () => {
    const model = buildGroupedModel(inputs, options, grouping(false));

    const group = model.lines.find(isGroupLine)!;
    expect(model.lines.map((l) => l.label)).toEqual(['solo', 'a (2 runs)']);
    expect(Array.from(group.values)).toEqual([0, 2, 4]);
    expect(Array.from(group.mins)).toEqual([0, 1, 2]);
    expect(Array.from(group.maxs)).toEqual([0, 3, 6]);
    expect(group.color).toBe('hsl(1 2% 3%)');
    expect(group.members).toEqual(['a-seed1', 'a-seed2']);
    expect(model.data.length).toBe(3);
  });

  it('draws the min–max band when chosen, and the runs themselves in the group colour when expanded', () => {
    const minmax = buildGroupedModel(inputs, options, grouping(false, 'minmax')).lines.find(isGroupLine)!;
    expect([Array.from(minmax.mins), Array.from(minmax.maxs)]).toEqual([
      [0, 1, 2],
      [0, 3, 6],
    ]);

    const expanded = buildGroupedModel(inputs, options, grouping(true));
    expect(expanded.lines.some(isGroupLine)).toBe(false);
    expect(expanded.lines.map((l) => [l.runId, l.color])).toEqual([
      ['a-seed1', 'hsl(1 2% 3%)'],
      ['a-seed2', 'hsl(1 2% 3%)'],
      ['solo', 'color-solo'],
    ]);
  });

  it('smooths the mean line as it smooths a run', () => {
    const model = buildGroupedModel(inputs, { ...options, smoothing: 0.5 }, grouping(false));

    expect(model.lines.filter(isGroupLine).map((l) => l.role)).toEqual(['raw', 'smoothed']);
  });

  it('reports the groups and the runs behind them on the chart element', () => {
    // The node test environment has no DOM; markGroups only writes dataset entries.
    const target = { dataset: {} as DOMStringMap } as HTMLElement;
    const model = buildGroupedModel(inputs, options, grouping(false));

    markGroups(target, model.lines);

    expect(target.dataset.groups).toBe('a');
    expect(target.dataset.runs).toBe('a-seed1 a-seed2 solo');
  });
});
