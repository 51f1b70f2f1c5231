import type { ColumnsMessage } from '../data/seriesColumns';
import type { RunMeta } from '../wire/types';

export type ConnectionState = 'connecting' | 'live' | 'disconnected';

export interface ConnectionStatus {
  state: ConnectionState;
  /** While waiting to reconnect: when the next attempt starts (epoch ms). */
  retryAt?: number;
  /** Consecutive failed attempts. */
  attempt: number;
  /** Last time any event arrived (epoch ms). */
  lastEventAt?: number;
  lastSeq?: number;
  detail?: string;
}

export type ActivityLevel = 'info' | 'warn' | 'error';

export interface ActivityEntry {
  time: number;
  level: ActivityLevel;
  message: string;
}

/** What the stream client reports to the page, in order. */
export type StreamOutput =
  | { kind: 'snapshot'; seq: number; runs: RunMeta[]; series: ColumnsMessage[]; bytes: number; readMs?: number; partial?: boolean }
  | { kind: 'delta'; seq: number; publishedMs?: number; series: ColumnsMessage[] }
  | { kind: 'runs_meta'; seq: number; publishedMs?: number; runs: RunMeta[] }
  | { kind: 'status'; status: ConnectionStatus }
  | { kind: 'activity'; entry: ActivityEntry };

/** `snapshotUrl`: where compact snapshots are loaded from (GET /snapshot); without it snapshots come from the stream. */
export type StreamCommand = { kind: 'start'; url: string; snapshotUrl?: string; focus: string[] | null } | { kind: 'stop' } | { kind: 'reconnect' };
