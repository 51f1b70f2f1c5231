import { describe, expect, it } from 'vitest';
import type { RunMeta } from '../wire/types';
import { groupRuns, groupStats, type MemberLine } from './groups';

function line(xs: number[], values: number[], nonFinite: number[] | null = null): MemberLine {
  return { xs: Float64Array.from(xs), values: Float64Array.from(values), nonFinite: nonFinite && Uint32Array.from(nonFinite), length: xs.length };
}

function run(run_id: string, config?: RunMeta['config']): RunMeta {
  return { run_id, source: 'clickhouse', start_time: '', last_event_time: '', latest_step: 0, is_active: true, config };
}

describe('groupStats', () => {
  it('averages the members that have a point at each x, skipping and counting non-finite values', () => {
    const stats = groupStats([line([0, 1, 2], [1, 2, 3]), line([0, 1, 2, 3], [3, NaN, 5, 7]), line([0, 2], [2, Infinity])]);

    // By hand: x=0 {1,3,2}; x=1 {2} and a NaN; x=2 {3,5} and an Inf; x=3 {7} (the third run has no step 1 or 3).
    expect(Array.from(stats.xs)).toEqual([0, 1, 2, 3]);
    expect(Array.from(stats.mean)).toEqual([2, 2, 4, 7]);
    expect(stats.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(Array.from(stats.std.subarray(1))).toEqual([0, 1, 0]);
    expect(Array.from(stats.min)).toEqual([1, 2, 3, 7]);
    expect(Array.from(stats.max)).toEqual([3, 2, 5, 7]);
    expect(Array.from(stats.counts)).toEqual([3, 1, 2, 1]);
    expect(Array.from(stats.nonFinite)).toEqual([0, 1, 1, 0]);
  });

  it('breaks the line where every value is non-finite, and counts the decimator’s own non-finite values once', () => {
    const stats = groupStats([line([0, 1], [NaN, 2], [4, 3]), line([0], [-Infinity])]);

    expect(Number.isNaN(stats.mean[0])).toBe(true);
    expect(Number.isNaN(stats.min[0]) && Number.isNaN(stats.max[0])).toBe(true);
    expect(stats.mean[1]).toBe(2);
    // x=0: the bucket counted 4 (its NaN value among them) plus the other run's −Inf; x=1: the bucket's 3.
    expect(Array.from(stats.nonFinite)).toEqual([5, 3]);
    expect(Array.from(stats.counts)).toEqual([0, 1]);
  });

  it('collapses the band of a group of one run onto its line', () => {
    const stats = groupStats([line([10, 20, 30], [0.5, 0.25, 0.125])]);

    expect(Array.from(stats.mean)).toEqual([0.5, 0.25, 0.125]);
    expect(Array.from(stats.std)).toEqual([0, 0, 0]);
    expect(Array.from(stats.min)).toEqual(Array.from(stats.mean));
    expect(Array.from(stats.max)).toEqual(Array.from(stats.mean));
  });

  it('on a pixel grid, averages each member per column first, then the members', () => {
    const stats = groupStats([line([0, 1, 2, 3], [1, 3, 5, 7]), line([0, 3], [3, NaN])], { columns: 2 });

    // Grid 0..3 in two columns 1.5 wide: the first run is 2 then 6, the second 3 then only a NaN.
    expect(Array.from(stats.xs)).toEqual([0.75, 2.25]);
    expect(Array.from(stats.mean)).toEqual([2.5, 6]);
    expect(Array.from(stats.std)).toEqual([0.5, 0]);
    expect(Array.from(stats.min)).toEqual([2, 6]);
    expect(Array.from(stats.max)).toEqual([3, 6]);
    expect(Array.from(stats.counts)).toEqual([2, 1]);
    expect(Array.from(stats.nonFinite)).toEqual([0, 1]);
  });

  it('leaves out columns no member has a point in, and points outside the range', () => {
    const stats = groupStats([line([0, 1, 7, 10], [1, 1, 4, 100])], { columns: 4, range: [0, 8] });

    expect(Array.from(stats.xs)).toEqual([1, 7]);
    expect(Array.from(stats.mean)).toEqual([1, 4]);
  });
});

describe('groupRuns', () => {
  const runs = [run('lr3-seed1', { lr: 0.001, opt: 'adam' }), run('lr3-seed2', { lr: 0.001 }), run('lr4-seed1', { lr: 0.0001, opt: 'sgd' }), run('baseline')];

  it('groups by a config value, leaving runs without the key on their own', () => {
    const { groups } = groupRuns(runs, { kind: 'config', key: 'opt' });

    expect(Object.fromEntries(groups)).toEqual({ adam: ['lr3-seed1'], sgd: ['lr4-seed1'] });
    expect(Array.from(groupRuns(runs, { kind: 'config', key: 'lr' }).groups.keys())).toEqual(['0.001', '0.0001']);
    expect(groupRuns(runs, { kind: 'config', key: 'constructor' }).groups.size).toBe(0);
  });

  it('groups by the first capture group of a name pattern, or the whole match without one', () => {
    expect(Object.fromEntries(groupRuns(runs, { kind: 'pattern', pattern: '(.*)-seed\\d+' }).groups)).toEqual({
      lr3: ['lr3-seed1', 'lr3-seed2'],
      lr4: ['lr4-seed1'],
    });
    expect(Object.fromEntries(groupRuns(runs, { kind: 'pattern', pattern: 'SEED\\d' }).groups)).toEqual({
      seed1: ['lr3-seed1', 'lr4-seed1'],
      seed2: ['lr3-seed2'],
    });
  });

  it('matches an invalid or unsafe pattern as plain text, with a notice', () => {
    const invalid = groupRuns([...runs, run('seed1[x]')], { kind: 'pattern', pattern: 'SEED1[' });
    expect(invalid.notice).toMatch(/plain text/);
    expect(Object.fromEntries(invalid.groups)).toEqual({ 'SEED1[': ['seed1[x]'] });

    expect(groupRuns(runs, { kind: 'pattern', pattern: '(a+)+$' }).notice).toMatch(/plain text/);
  });
});
