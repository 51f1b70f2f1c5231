export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 1000, maxMs: 30_000, factor: 2 };

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter" (half fixed, half
 * random) so that a thousand dashboards dropped by one server restart do not all come back in the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = defaultBackoff): number {
  const exponential = Math.min(options.maxMs, options.initialMs * Math.pow(options.factor, Math.max(0, attempt)));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}
