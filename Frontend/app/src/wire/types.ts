/** The JSON StreamApi sends (docs/protocol.md). Numbers in series may be the strings "NaN", "Infinity", "-Infinity". */
export type WireNumber = number | string;

export interface RunMeta {
  run_id: string;
  source: 'clickhouse' | 'logdir' | string;
  start_time: string;
  last_event_time: string;
  latest_step: number;
  is_active: boolean;
  series_count?: number;
  /** The run's settings (hyperparameters, tags), key to a JSON string, number or boolean. */
  config?: Record<string, string | number | boolean>;
  /** Metric to its unit, for the metrics that have one. */
  units?: Record<string, string>;
}

export interface WireSeriesPoints {
  run_id: string;
  /** The series id within the run: the metric name, followed by its labels where they are given. */
  series_id: string;
  metric: string;
  host?: string;
  rank?: number;
  device?: number;
  op?: 'tail' | 'replace' | 'coarsen';
  from_step?: number;
  total_points?: number;
  bucket_width?: number;
  steps: WireNumber[];
  times_ms: WireNumber[];
  values: WireNumber[];
  mins: WireNumber[];
  maxs: WireNumber[];
  non_finite?: number[];
}

export interface WireSnapshot {
  seq: number;
  type: 'snapshot';
  runs: RunMeta[];
  series: WireSeriesPoints[];
}

export interface WireDelta {
  seq: number;
  type: 'delta';
  published_ms?: number;
  series: WireSeriesPoints[];
}

export interface WireRunsMeta {
  seq: number;
  type: 'runs_meta';
  published_ms?: number;
  runs: RunMeta[];
}

export type WireMessage = WireSnapshot | WireDelta | WireRunsMeta;

export interface MetricsResponse {
  run_id: string;
  metric: string;
  from_step?: number;
  to_step?: number;
  raw_points?: number;
  series: WireSeriesPoints[];
}

export interface CheckpointEntry {
  metric: string;
  step: number;
  time: string;
  value: WireNumber;
  host?: string;
  rank?: number;
}

export interface CheckpointsResponse {
  run_id: string;
  checkpoints: CheckpointEntry[];
}
