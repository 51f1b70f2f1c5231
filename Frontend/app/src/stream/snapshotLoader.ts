import { formatBytes } from '../format/format';
import { COMPACT_SNAPSHOT_TYPE, readCompactSnapshot, type CompactSnapshot } from '../wire/compactSnapshot';

/** A compact snapshot as loaded: `bytes` is its size after the browser decompressed it, `readMs` the time to read it. */
export interface LoadedSnapshot extends CompactSnapshot {
  bytes: number;
  readMs: number;
}

/** Loads the compact snapshot of the metrics with these prefixes, or of everything (null). */
export type SnapshotLoader = (focus: string[] | null) => Promise<LoadedSnapshot>;

/**
 * The server offers no compact snapshot this page can read (an older StreamApi, or one that answers something
 * else): the client takes its snapshots from the stream, as before.
 */
export class CompactSnapshotUnavailable extends Error {}

/** GET /snapshot with the same metric filter as /stream. */
export function snapshotUrl(base: string, focus: string[] | null): string {
  const query = (focus ?? []).map((prefix) => `metrics=${encodeURIComponent(prefix)}`).join('&');
  return query ? `${base}${base.includes('?') ? '&' : '?'}${query}` : base;
}

/**
 * Loads compact snapshots with fetch: the browser decompresses them (brotli) off the page's thread and revalidates
 * a cached one with its ETag, and reading one is a copy of its columns, not a JSON parse.
 */
export function createSnapshotLoader(base = '/snapshot', fetcher: typeof fetch = (input, init) => fetch(input, init), now = () => performance.now()): SnapshotLoader {
  return async (focus) => {
    const response = await fetcher(snapshotUrl(base, focus), { headers: { Accept: COMPACT_SNAPSHOT_TYPE } });
    const type = response.headers.get('Content-Type') ?? '';
    if (response.ok && !type.startsWith(COMPACT_SNAPSHOT_TYPE)) throw new CompactSnapshotUnavailable(`GET ${base} answered ${type || 'no content type'}`);
    if (response.status === 404 || response.status === 405 || response.status === 406) throw new CompactSnapshotUnavailable(`GET ${base} answered ${response.status}`);
    if (!response.ok) throw new Error(`GET ${base} answered ${response.status}`);
    const buffer = await response.arrayBuffer();
    const started = now();
    let snapshot: CompactSnapshot;
    try {
      snapshot = readCompactSnapshot(buffer);
    } catch (error) {
      throw new CompactSnapshotUnavailable(`the compact snapshot cannot be read: ${String(error)}`);
    }
    return { ...snapshot, bytes: buffer.byteLength, readMs: now() - started };
  };
}

/** The activity log's line for a loaded snapshot. */
export function describeLoaded(snapshot: LoadedSnapshot, partial: boolean): string {
  return `${partial ? 'Open tab snapshot' : 'Snapshot'} ${snapshot.seq}: ${snapshot.runs.length} runs, ${snapshot.series.length} series, ${formatBytes(snapshot.bytes)} compact, read in ${Math.round(snapshot.readMs)} ms`;
}
