import type { CheckpointsResponse, MetricsResponse } from '../wire/types';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** GET a JSON document; a problem-details answer becomes an error with its title and each parameter's message. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
      const details = problem.errors ? Object.values(problem.errors).flat().join(' ') : problem.detail;
      message = [problem.title, details].filter(Boolean).join(': ') || message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(message, response.status);
  }
  return (await response.json()) as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface MetricsRange {
  fromStep?: number;
  toStep?: number;
  fromTimeMs?: number;
  toTimeMs?: number;
  maxPoints: number;
}

export function fetchMetrics(runId: string, metric: string, range: MetricsRange, signal?: AbortSignal): Promise<MetricsResponse> {
  const q = query({
    metric,
    from_step: range.fromStep !== undefined ? Math.max(0, Math.floor(range.fromStep)) : undefined,
    to_step: range.toStep !== undefined ? Math.max(0, Math.ceil(range.toStep)) : undefined,
    from_time: range.fromTimeMs !== undefined ? Math.floor(range.fromTimeMs) : undefined,
    to_time: range.toTimeMs !== undefined ? Math.ceil(range.toTimeMs) : undefined,
    max_points: Math.round(Math.min(20000, Math.max(2, range.maxPoints))),
  });
  return getJson<MetricsResponse>(`/metrics/${encodeURIComponent(runId)}${q}`, signal);
}

export function fetchCheckpoints(runId: string, signal?: AbortSignal): Promise<CheckpointsResponse> {
  return getJson<CheckpointsResponse>(`/checkpoints/${encodeURIComponent(runId)}`, signal);
}
