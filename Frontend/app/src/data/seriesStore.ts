import type { RunMeta } from '../wire/types';
import { applyCoarsen } from './coarsen';
import { applyReplace, applyTail, columnsFromMessage, REPLACE_HEADROOM, runSeriesKey, type ColumnsMessage, type SeriesColumns } from './seriesColumns';

type Listener = () => void;

/**
 * Every series the page holds, as columns, outside React: a delta changes a few arrays in place and tells only the
 * charts of the metrics it touched. The set of metrics and series (the catalog) has its own listeners, because
 * tabs and badges care only when a series comes or goes.
 */
export class SeriesStore {
  private readonly byRunSeriesKey = new Map<string, SeriesColumns>();
  private readonly byMetric = new Map<string, Map<string, SeriesColumns>>();
  private readonly metricListeners = new Map<string, Set<Listener>>();
  private readonly catalogListeners = new Set<Listener>();
  private readonly changeListeners = new Set<(runs: ReadonlySet<string>) => void>();
  private catalogVersionValue = 0;

  get catalogVersion(): number {
    return this.catalogVersionValue;
  }

  get size(): number {
    return this.byRunSeriesKey.size;
  }

  /** A snapshot replaces everything held. */
  applySnapshot(series: readonly ColumnsMessage[]): void {
    const touched = new Set<string>(this.byMetric.keys());
    this.byRunSeriesKey.clear();
    this.byMetric.clear();
    for (const message of series) {
      this.insert(columnsFromMessage(message, REPLACE_HEADROOM));
      touched.add(message.metric);
    }
    this.catalogChanged();
    this.notify(touched);
  }

  /** Applies a delta's series changes; returns the metrics it touched. */
  applyDelta(series: readonly ColumnsMessage[]): Set<string> {
    const touched = new Set<string>();
    const runs = new Set<string>();
    let catalogChanged = false;
    for (const message of series) {
      runs.add(message.runId);
      const existing = this.byRunSeriesKey.get(runSeriesKey(message.runId, message.seriesId));
      if (!existing) {
        // A tail or coarsen for a series we never saw has nothing to cut or merge: its points are all there is.
        this.insert(columnsFromMessage(message, REPLACE_HEADROOM));
        catalogChanged = true;
      } else if (message.op === 'tail') {
        applyTail(existing, message);
      } else if (message.op === 'coarsen') {
        applyCoarsen(existing, message);
      } else {
        applyReplace(existing, message);
      }
      touched.add(message.metric);
    }
    if (catalogChanged) this.catalogChanged();
    this.notify(touched);
    for (const listener of this.changeListeners) listener(runs);
    return touched;
  }

  /** Drops the series of runs that are no longer listed (a log directory deleted for a new simulation). */
  retainRuns(runs: readonly RunMeta[]): void {
    const keep = new Set(runs.map((run) => run.run_id));
    const touched = new Set<string>();
    for (const [key, series] of this.byRunSeriesKey) {
      if (keep.has(series.runId)) continue;
      this.byRunSeriesKey.delete(key);
      const metric = this.byMetric.get(series.metric);
      metric?.delete(key);
      if (metric && metric.size === 0) this.byMetric.delete(series.metric);
      touched.add(series.metric);
    }
    if (touched.size > 0) {
      this.catalogChanged();
      this.notify(touched);
    }
  }

  clear(): void {
    const touched = new Set(this.byMetric.keys());
    this.byRunSeriesKey.clear();
    this.byMetric.clear();
    this.catalogChanged();
    this.notify(touched);
  }

  /** The series whose `runSeriesKey` is `key`. */
  get(key: string): SeriesColumns | undefined {
    return this.byRunSeriesKey.get(key);
  }

  /** The series of one metric (one per run, or more where host/rank/device vary). */
  seriesOf(metric: string): SeriesColumns[] {
    const map = this.byMetric.get(metric);
    return map ? Array.from(map.values()) : [];
  }

  metrics(): string[] {
    return Array.from(this.byMetric.keys());
  }

  /** Metrics that have at least one series of one of the runs. */
  metricsOfRuns(runIds: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const [metric, series] of this.byMetric) {
      for (const s of series.values()) {
        if (runIds.has(s.runId)) {
          out.push(metric);
          break;
        }
      }
    }
    return out;
  }

  all(): IterableIterator<SeriesColumns> {
    return this.byRunSeriesKey.values();
  }

  subscribeMetric(metric: string, listener: Listener): () => void {
    let set = this.metricListeners.get(metric);
    if (!set) {
      set = new Set();
      this.metricListeners.set(metric, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.metricListeners.delete(metric);
    };
  }

  /** Told the runs each delta touched (the loss analytics refresh when their run moves). */
  subscribeChanges(listener: (runs: ReadonlySet<string>) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  subscribeCatalog(listener: Listener): () => void {
    this.catalogListeners.add(listener);
    return () => this.catalogListeners.delete(listener);
  }

  private insert(series: SeriesColumns): void {
    this.byRunSeriesKey.set(series.runSeriesKey, series);
    let metric = this.byMetric.get(series.metric);
    if (!metric) {
      metric = new Map();
      this.byMetric.set(series.metric, metric);
    }
    metric.set(series.runSeriesKey, series);
  }

  private catalogChanged(): void {
    this.catalogVersionValue++;
    for (const listener of this.catalogListeners) listener();
  }

  private notify(metrics: Iterable<string>): void {
    for (const metric of metrics) {
      const listeners = this.metricListeners.get(metric);
      if (!listeners) continue;
      for (const listener of listeners) listener();
    }
  }
}

/** The one store of the page. */
export const seriesStore = new SeriesStore();
