import { describe, expect, it } from 'vitest';
import { orderRows } from './tooltipOrder';

const rows = [
  { run: 'a', value: 2 },
  { run: 'b', value: NaN },
  { run: 'c', value: 5 },
  { run: 'd', value: -1 },
  { run: 'e', value: Infinity },
  { run: 'f', value: 2 },
];
const runs = (list: { run: string }[]) => list.map((r) => r.run).join('');

describe('tooltip order', () => {
  it('keeps run order by default', () => {
    expect(runs(orderRows(rows, 'default', 0))).toBe('abcdef');
  });

  it('sorts by value at the cursor, non-finite values last and ties in run order', () => {
    expect(runs(orderRows(rows, 'descending', 0))).toBe('cafdbe');
    expect(runs(orderRows(rows, 'ascending', 0))).toBe('dafcbe');
  });

  it("puts the value nearest the cursor's y first", () => {
    expect(runs(orderRows(rows, 'nearest', 4.2))).toBe('cafdbe');
    expect(runs(orderRows(rows, 'nearest', -0.9))).toBe('dafcbe');
    expect(runs(orderRows(rows, 'nearest', 1.9))).toBe('afdcbe');
  });

  it('keeps run order when the cursor has no y', () => {
    expect(runs(orderRows(rows, 'nearest', NaN))).toBe('acdfbe');
  });

  it('leaves its input as it was', () => {
    orderRows(rows, 'ascending', 0);
    expect(runs(rows)).toBe('abcdef');
  });
});
