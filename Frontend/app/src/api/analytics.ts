import type { WireNumber } from '../wire/types';
import { getJson, query } from './rest';

export interface NonFiniteCounts {
  nan: number;
  positive_infinity: number;
  negative_infinity: number;
}

export interface AnalyticsStatus {
  run_id: string;
  is_active: boolean;
  current_timestep?: string;
  timesteps: number;
  total_batches: number;
  latest_loss?: WireNumber;
  last_update?: string;
  non_finite?: NonFiniteCounts;
}

export interface TimestepSummary {
  timestep: string;
  global_step?: number;
  count: number;
  mean?: WireNumber;
  std?: WireNumber;
  min?: WireNumber;
  max?: WireNumber;
  non_finite?: NonFiniteCounts;
  wall_time?: string;
}

export interface TimestepLosses extends TimestepSummary {
  run_id: string;
  losses: WireNumber[];
}

export interface LossHistory {
  run_id: string;
  limit: number;
  timesteps: TimestepSummary[];
}

export interface LossStatistics {
  run_id: string;
  count: number;
  non_finite?: NonFiniteCounts;
  mean?: WireNumber;
  std?: WireNumber;
  min?: WireNumber;
  max?: WireNumber;
  percentiles?: Partial<Record<'p25' | 'p50' | 'p75' | 'p90' | 'p95' | 'p99', WireNumber>>;
  trend?: { slope?: WireNumber; direction?: 'decreasing' | 'increasing' | 'flat' };
  improvement?: { first?: WireNumber; last?: WireNumber; absolute?: WireNumber; percent?: WireNumber };
}

/** Every batch loss of a run, binned (`GET /api/loss/histogram`); non-finite losses are counted apart, not binned. */
export interface RunLossHistogram {
  run_id: string;
  count: number;
  non_finite: NonFiniteCounts;
  min: WireNumber;
  max: WireNumber;
  rule: string;
  /** bins + 1 edges. */
  edges: WireNumber[];
  counts: number[];
}

export interface TimestepList {
  run_id: string;
  timesteps: string[];
}

const run = (runId: string | null) => (runId ? { run: runId } : {});

export const analyticsApi = {
  status: (runId: string | null, signal?: AbortSignal) => getJson<AnalyticsStatus>(`/api/status${query(run(runId))}`, signal),
  current: (runId: string | null, signal?: AbortSignal) => getJson<TimestepLosses>(`/api/loss/current${query(run(runId))}`, signal),
  history: (runId: string | null, limit: number, signal?: AbortSignal) =>
    getJson<LossHistory>(`/api/loss/history${query({ ...run(runId), limit })}`, signal),
  statistics: (runId: string | null, signal?: AbortSignal) => getJson<LossStatistics>(`/api/loss/statistics${query(run(runId))}`, signal),
  histogram: (runId: string | null, signal?: AbortSignal) => getJson<RunLossHistogram>(`/api/loss/histogram${query(run(runId))}`, signal),
  timesteps: (runId: string | null, signal?: AbortSignal) => getJson<TimestepList>(`/api/loss/timesteps${query(run(runId))}`, signal),
  byTimestep: (runId: string | null, timestep: string, signal?: AbortSignal) =>
    getJson<TimestepLosses>(`/api/loss/by_timestep/${encodeURIComponent(timestep)}${query(run(runId))}`, signal),
};
