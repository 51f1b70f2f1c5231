import { describe, expect, it } from 'vitest';
import type { RunMeta } from '../wire/types';
import { axisTitle, unitOf, withUnit } from './units';

const run = (run_id: string, units?: Record<string, string>): RunMeta => ({
  run_id,
  source: 'clickhouse',
  start_time: '',
  last_event_time: '',
  latest_step: 0,
  is_active: true,
  units,
});

describe('units', () => {
  it("takes a metric's unit from the first shown run that names one", () => {
    const byId = new Map([run('a'), run('b', { throughput: 'tokens/s' }), run('c', { throughput: 'samples/s' })].map((r) => [r.run_id, r]));

    expect(unitOf('throughput', ['a', 'b', 'c'], byId)).toBe('tokens/s');
    expect(unitOf('throughput', ['a'], byId)).toBe('');
    expect(unitOf('loss', ['b', 'gone'], byId)).toBe('');
  });

  it('writes values and axis titles with their unit, and without one when there is none', () => {
    expect(withUnit('1.5k', 'tokens/s')).toBe('1.5k tokens/s');
    expect(withUnit('0.3', '')).toBe('0.3');
    expect(axisTitle('tokens.total', 'tokens')).toBe('tokens.total [tokens]');
    expect(axisTitle('', 'ms')).toBe('ms');
    expect(axisTitle('tokens.total', '')).toBe('tokens.total');
  });
});
