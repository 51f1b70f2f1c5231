import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAsBrowser, UNUSUAL_RUN_IDS } from '../test/unusualRunIds';
import { analyticsApi } from './analytics';
import { fetchCheckpoints, fetchMetrics } from './rest';

let requested: string[] = [];

beforeEach(() => {
  requested = [];
  vi.stubGlobal('fetch', async (url: string) => {
    requested.push(url);
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The run id in the last path segment: exactly one segment, nothing spilling into the query or fragment. */
function runIdInPath(url: URL, prefix: string): string {
  const segments = url.pathname.split('/');
  expect(segments.slice(0, -1).join('/')).toBe(prefix);
  expect(url.hash).toBe('');
  return decodeURIComponent(segments[segments.length - 1]);
}

describe.each(UNUSUAL_RUN_IDS)('REST URLs for run %j', (runId) => {
  it('puts the run id in one path segment of /metrics and /checkpoints', async () => {
    await fetchMetrics(runId, 'Loss/batch', { fromStep: 10, toStep: 20, maxPoints: 500 });
    await fetchCheckpoints(runId);

    const metrics = parseAsBrowser(requested[0]);
    expect(runIdInPath(metrics, '/metrics')).toBe(runId);
    expect(metrics.searchParams.get('metric')).toBe('Loss/batch');
    expect(metrics.searchParams.get('to_step')).toBe('20');
    expect(runIdInPath(parseAsBrowser(requested[1]), '/checkpoints')).toBe(runId);
  });

  it('passes the run id as ?run= to every loss analytics route', async () => {
    await analyticsApi.status(runId);
    await analyticsApi.current(runId);
    await analyticsApi.history(runId, 100);
    await analyticsApi.statistics(runId);
    await analyticsApi.timesteps(runId);
    await analyticsApi.byTimestep(runId, '2022-01-01 06:00:00');

    expect(requested).toHaveLength(6);
    for (const url of requested.map(parseAsBrowser)) {
      expect(url.searchParams.getAll('run')).toEqual([runId]);
      expect(url.hash).toBe('');
    }
    const byTimestep = parseAsBrowser(requested[5]);
    expect(runIdInPath(byTimestep, '/api/loss/by_timestep')).toBe('2022-01-01 06:00:00');
    expect(parseAsBrowser(requested[2]).searchParams.get('limit')).toBe('100');
  });
});
