import { describe, expect, it } from 'vitest';
import { columnsFromMessage } from '../data/seriesColumns';
import { wireSeries } from '../test/wireFactory';
import { toColumns } from '../wire/toColumns';
import { buildChartModel } from './chartModel';

const input = (run: string, steps: number[], value: (s: number) => number | string = (s) => s) => ({
  series: columnsFromMessage(toColumns(wireSeries(run, 'loss', steps, value))),
  label: run,
  color: 'red',
  runStartMs: 1_700_000_000_000,
});

const options = { xAxis: 'step' as const, smoothing: 0, fromTimeMs: null, logScale: false };

describe('buildChartModel', () => {
  it('aligns runs on the union of their steps, leaving undefined where a run has no point', () => {
    const model = buildChartModel([input('a', [0, 2, 4]), input('b', [1, 2])], options);

    expect(Array.from(model.data[0] as Float64Array)).toEqual([0, 1, 2, 4]);
    expect(model.data[1]).toEqual([0, undefined, 2, 4]);
    expect(model.data[2]).toEqual([undefined, 1, 2, undefined]);
  });

  it('hands finite values of runs sharing their steps to uPlot without copying', () => {
    const model = buildChartModel([input('a', [0, 1, 2]), input('b', [0, 1, 2])], options);

    expect(model.data[1]).toBeInstanceOf(Float64Array);
    expect(Array.from(model.data[2] as Float64Array)).toEqual([0, 1, 2]);
  });

  it('turns non-finite values into breaks (null) and keeps them for markers', () => {
    const model = buildChartModel([input('a', [0, 1, 2], (s) => (s === 1 ? 'Infinity' : s))], options);

    expect(model.data[1]).toEqual([0, null, 2]);
    expect(model.lines[0].values[1]).toBe(Infinity);
  });

  it('breaks at values a log scale cannot draw', () => {
    const model = buildChartModel([input('a', [0, 1, 2], (s) => s - 1)], { ...options, logScale: true });
    expect(model.data[1]).toEqual([null, null, 1]);
  });

  it('maps wall time and relative time to seconds', () => {
    const wall = buildChartModel([input('a', [0, 10])], { ...options, xAxis: 'wall' });
    const relative = buildChartModel([input('a', [0, 10])], { ...options, xAxis: 'relative' });

    expect(Array.from(wall.data[0] as Float64Array)).toEqual([1_700_000_000, 1_700_000_010]);
    expect(Array.from(relative.data[0] as Float64Array)).toEqual([0, 10]);
  });

  it('leaves out points older than the time range', () => {
    const model = buildChartModel([input('a', [0, 10, 20])], { ...options, fromTimeMs: 1_700_000_010_000 });
    expect(Array.from(model.data[0] as Float64Array)).toEqual([10, 20]);
  });

  it('adds a smoothed line over a faint raw one when smoothing is on', () => {
    const model = buildChartModel([input('a', [0, 1], (s) => (s === 0 ? 1 : 3))], { ...options, smoothing: 0.5 });

    expect(model.lines.map((l) => l.role)).toEqual(['raw', 'smoothed']);
    expect(Array.from(model.data[2] as Float64Array)).toEqual([1, 7 / 3]);
  });

  it('plots each run against its own x metric, leaving out and counting the points without an x', () => {
    const tokens = (run: string, perStep: number) => columnsFromMessage(toColumns(wireSeries(run, 'tokens.total', [0, 10, 20], (s) => s * perStep)));
    const model = buildChartModel(
      [
        { ...input('a', [0, 5, 10, 30]), xSeries: tokens('a', 100) },
        { ...input('b', [0, 10]), xSeries: tokens('b', 50) },
        { ...input('c', [0, 10]), xSeries: null },
      ],
      { ...options, smoothing: 0.5 },
    );

    const raw = model.lines.filter((l) => l.role === 'raw');
    expect(raw.map((l) => [l.runId, Array.from(l.xs), Array.from(l.values)])).toEqual([
      ['a', [0, 500, 1000], [0, 5, 10]],
      ['b', [0, 500], [0, 10]],
    ]);
    expect(model.lines.filter((l) => l.role === 'smoothed').map((l) => l.length)).toEqual([3, 2]);
    expect(model.withoutX).toBe(3);
    expect(Array.from(model.data[0] as Float64Array)).toEqual([0, 500, 1000]);
  });
});
