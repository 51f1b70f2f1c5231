import { columnGrid, columnOf, unionOfXs } from '../charts/columnAlign';
import { safePattern } from '../format/textFilter';
import type { GroupBy } from '../state/runView';
import type { RunMeta } from '../wire/types';

export interface RunGroups {
  /** Group key to its runs, in the order of the runs given. Runs without a key are in no group: drawn as themselves. */
  groups: Map<string, string[]>;
  /** Set when the name pattern is matched as plain text (docs/frontend.md, the run search). */
  notice?: string;
}

/**
 * Puts each run in a group: by a config key's value, or by a name pattern whose first capture group (or, without
 * one, whole match) is the group key, e.g. `(.*)-seed\d+` puts `lr3-seed1` and `lr3-seed2` together as `lr3`. A run
 * without that config key, or whose name the pattern does not match, stays on its own.
 */
export function groupRuns(runs: readonly RunMeta[], by: GroupBy): RunGroups {
  const groups = new Map<string, string[]>();
  const add = (key: string | undefined, runId: string) => {
    if (key === undefined) return;
    const list = groups.get(key);
    if (list) list.push(runId);
    else groups.set(key, [runId]);
  };
  if (by.kind === 'config') {
    for (const run of runs) {
      const value = run.config && Object.hasOwn(run.config, by.key) ? run.config[by.key] : undefined;
      add(value === undefined ? undefined : String(value), run.run_id);
    }
    return { groups };
  }
  if (by.kind === 'pattern') {
    const { pattern, notice } = safePattern(by.pattern);
    for (const run of runs) add(patternKey(run.run_id, pattern, by.pattern), run.run_id);
    return { groups, notice };
  }
  return { groups };
}

function patternKey(runId: string, pattern: RegExp | null, text: string): string | undefined {
  if (!pattern) return runId.toLowerCase().includes(text.toLowerCase()) ? text : undefined;
  const match = pattern.exec(runId);
  if (!match) return undefined;
  return match[1] ?? match[0];
}

/** One member line of a group: points sorted by x, with the decimator's non-finite counts per point when it has them. */
export interface MemberLine {
  xs: Float64Array;
  values: Float64Array;
  nonFinite: Uint32Array | null;
  length: number;
}

/** A group's line: per x, the mean of its runs' finite values and the band statistics. */
export interface GroupStats {
  xs: Float64Array;
  mean: Float64Array;
  /** Population standard deviation (ddof 0): 0 for a group of one run. */
  std: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Runs whose finite value went into the mean at each x. */
  counts: Uint32Array;
  /** Non-finite values left out at each x (a member's own non-finite value, plus the counts its point carried). */
  nonFinite: Uint32Array;
  length: number;
}

/** Reduce to pixel columns: the chart's grid (columnAlign), when the group has more points than fit. */
export interface GroupGrid {
  columns: number;
  range?: [number, number];
}

/**
 * The statistics of a group at each x. Without a grid, x is every x a member has (members line up when they share
 * steps): at each, the members with a point there count, and one without a point there is left out (not
 * interpolated). With a grid, each member's finite values in a pixel column are averaged first, then the members'
 * column values are combined the same way, at the column's centre. A non-finite value is skipped and counted, as
 * the decimator counts it; an x where every value is non-finite has a NaN mean (a break in the line).
 */
export function groupStats(lines: readonly MemberLine[], grid?: GroupGrid): GroupStats {
  return grid ? statsOnColumns(lines, grid) : statsOnUnion(lines);
}

class Accumulator {
  readonly sum: Float64Array;
  readonly squares: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly counts: Uint32Array;
  readonly nonFinite: Uint32Array;

  constructor(readonly length: number) {
    this.sum = new Float64Array(length);
    this.squares = new Float64Array(length);
    this.min = new Float64Array(length).fill(Infinity);
    this.max = new Float64Array(length).fill(-Infinity);
    this.counts = new Uint32Array(length);
    this.nonFinite = new Uint32Array(length);
  }

  /** `carried`: the non-finite raw values the member's point stood for (the decimator's count), 0 when none. */
  add(at: number, value: number, carried: number): void {
    const finite = Number.isFinite(value);
    // A decimated point's count already includes its own value when that is non-finite.
    this.nonFinite[at] += carried > 0 ? carried : finite ? 0 : 1;
    if (!finite) return;
    this.sum[at] += value;
    this.counts[at]++;
    if (value < this.min[at]) this.min[at] = value;
    if (value > this.max[at]) this.max[at] = value;
  }

  /** Second pass: squared distances from the mean, which stays exact where a sum of squares would cancel. */
  addSquare(at: number, value: number): void {
    if (!Number.isFinite(value)) return;
    const d = value - this.sum[at] / this.counts[at];
    this.squares[at] += d * d;
  }

  finish(xs: Float64Array): GroupStats {
    const n = this.length;
    const mean = new Float64Array(n);
    const std = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const count = this.counts[i];
      mean[i] = count > 0 ? this.sum[i] / count : NaN;
      std[i] = count > 0 ? Math.sqrt(this.squares[i] / count) : NaN;
      if (count === 0) this.min[i] = this.max[i] = NaN;
    }
    return { xs, mean, std, min: this.min, max: this.max, counts: this.counts, nonFinite: this.nonFinite, length: n };
  }
}

function statsOnUnion(lines: readonly MemberLine[]): GroupStats {
  const xs = unionOfXs(lines);
  const acc = new Accumulator(xs.length);
  const visit = (add: (at: number, value: number, carried: number) => void) => {
    for (const l of lines) {
      let j = 0;
      for (let i = 0; i < l.length; i++) {
        while (xs[j] < l.xs[i]) j++;
        add(j, l.values[i], l.nonFinite ? l.nonFinite[i] : 0);
      }
    }
  };
  visit((j, v, carried) => acc.add(j, v, carried));
  visit((j, v) => acc.addSquare(j, v));
  return acc.finish(xs);
}

function statsOnColumns(lines: readonly MemberLine[], { columns, range }: GroupGrid): GroupStats {
  const grid = columnGrid(lines, columns, range);
  // Each member's value per column: the mean of its finite points there (NaN where it had only non-finite ones).
  const perMember = lines.map((l) => {
    const sum = new Float64Array(columns);
    const count = new Uint32Array(columns);
    const seen = new Uint8Array(columns);
    const skipped = new Uint32Array(columns);
    for (let i = 0; i < l.length; i++) {
      const x = l.xs[i];
      if (x < grid.lo || x > grid.hi) continue;
      const c = columnOf(x, grid, columns);
      seen[c] = 1;
      const v = l.values[i];
      const carried = l.nonFinite ? l.nonFinite[i] : 0;
      const finite = Number.isFinite(v);
      skipped[c] += carried > 0 ? carried : finite ? 0 : 1;
      if (finite) {
        sum[c] += v;
        count[c]++;
      }
    }
    return { sum, count, seen, skipped };
  });
  const used: number[] = [];
  for (let c = 0; c < columns; c++) if (perMember.some((p) => p.seen[c])) used.push(c);
  const xs = Float64Array.from(used, (c) => grid.lo + (c + 0.5) * grid.width);
  const acc = new Accumulator(used.length);
  for (const pass of [0, 1]) {
    for (const p of perMember) {
      used.forEach((c, j) => {
        // A member with only non-finite values in this column has nothing to average; they are counted below.
        if (p.count[c] === 0) return;
        const v = p.sum[c] / p.count[c];
        if (pass === 0) acc.add(j, v, 0);
        else acc.addSquare(j, v);
      });
    }
  }
  for (const p of perMember) used.forEach((c, j) => (acc.nonFinite[j] += p.skipped[c]));
  return acc.finish(xs);
}
