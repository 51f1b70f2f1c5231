import { describe, expect, it } from 'vitest';
import { latestMilestone } from './useMilestones';

const m = (name: string, step: number, time = '2026-11-25T08:00:00.000Z') => ({ metric: 'progress.milestone', step, time, name });

describe('milestones', () => {
  it('names the milestone of the highest step, the later one of a tie', () => {
    expect(latestMilestone([m('warmup done', 1200), m('eval 1', 5000), m('start', 0)])?.name).toBe('eval 1');
    expect(latestMilestone([m('a', 10, '2026-11-25T08:00:00.000Z'), m('b', 10, '2026-11-25T09:00:00.000Z')])?.name).toBe('b');
    expect(latestMilestone([])).toBeNull();
  });
});
