import { getJson } from './rest';

/** A named point in a run's training (`GET /milestones/{run_id}`, docs/protocol.md). */
export interface Milestone {
  metric: string;
  step: number;
  time: string;
  name: string;
}

export interface MilestonesResponse {
  run_id: string;
  milestones: Milestone[];
}

export function fetchMilestones(runId: string, signal?: AbortSignal): Promise<MilestonesResponse> {
  return getJson<MilestonesResponse>(`/milestones/${encodeURIComponent(runId)}`, signal);
}
