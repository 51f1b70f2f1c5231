import { useEffect, useMemo, useState } from 'react';
import { fetchCheckpoints } from '../api/rest';
import { runColor } from '../charts/colors';
import { TabClassifier } from '../config/tabRules';
import { seriesStore } from '../data/seriesStore';
import { formatStep, formatTime, formatValue } from '../format/format';
import { useCatalogVersion } from '../hooks/useCatalog';
import { useVisibleRuns } from '../hooks/useRuns';
import { MetricGrid } from '../components/MetricGrid';
import { useDashboard } from '../state/dashboardStore';
import { toNumber } from '../wire/numbers';
import type { CheckpointEntry } from '../wire/types';

const MAX_RUNS = 50;

interface Row extends CheckpointEntry {
  runId: string;
  timeMs: number;
}

/** Every checkpoint event of the selected runs, newest first, refreshed when a checkpoint series moves. */
export function CheckpointsTab() {
  const { selected } = useVisibleRuns();
  const runs = useDashboard((s) => s.runs);
  const theme = useDashboard((s) => s.view.theme);
  const rules = useDashboard((s) => s.tabRules);
  const catalog = useCatalogVersion();
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [loading, setLoading] = useState(false);
  const [bump, setBump] = useState(0);

  const checkpointMetrics = useMemo(() => {
    const classifier = new TabClassifier(rules);
    return seriesStore.metrics().filter((m) => classifier.tabOf(m) === 'checkpoints');
  }, [rules, catalog]);

  useEffect(() => {
    let timer: number | undefined;
    const later = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setBump((b) => b + 1), 1000);
    };
    const unsubscribe = checkpointMetrics.map((m) => seriesStore.subscribeMetric(m, later));
    return () => {
      window.clearTimeout(timer);
      unsubscribe.forEach((u) => u());
    };
  }, [checkpointMetrics]);

  const runKey = useMemo(() => {
    const latest = new Map(runs.map((r) => [r.run_id, r.latest_step]));
    return Array.from(selected).sort().slice(0, MAX_RUNS).map((id) => `${id}@${latest.get(id) ?? ''}`).join('|');
  }, [runs, selected]);

  useEffect(() => {
    const abort = new AbortController();
    const ids = Array.from(selected).sort().slice(0, MAX_RUNS);
    setLoading(true);
    Promise.allSettled(ids.map((id) => fetchCheckpoints(id, abort.signal))).then((results) => {
      if (abort.signal.aborted) return;
      const next: Row[] = [];
      const failed: string[] = [];
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') {
          for (const c of result.value.checkpoints ?? []) next.push({ ...c, runId: ids[i], timeMs: Date.parse(c.time) });
        } else if ((result.reason as { status?: number })?.status !== 404) {
          failed.push(`${ids[i]}: ${(result.reason as Error).message}`);
        }
      });
      next.sort((a, b) => b.timeMs - a.timeMs || b.step - a.step);
      setRows(next);
      setErrors(failed);
      setLoading(false);
    });
    return () => abort.abort();
    // runKey covers the selected runs and their progress.
  }, [runKey, bump]);

  return (
    <div className="tab-body">
      <section className="panel">
        <h2 className="group-title">
          Checkpoints <span className="count">{rows.length}</span> {loading && <span className="muted">loading…</span>}
        </h2>
        {errors.map((e) => (
          <p key={e} className="error">
            {e}
          </p>
        ))}
        {rows.length === 0 && !loading ? (
          <p className="empty">No checkpoint events for the selected runs.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="checkpoints-table">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Event</th>
                  <th className="num">Step</th>
                  <th>Time</th>
                  <th className="num">Value</th>
                  <th>Host</th>
                  <th className="num">Rank</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 1000).map((row, i) => (
                  <tr key={`${row.runId}-${row.metric}-${row.step}-${i}`} data-testid="checkpoint-row">
                    <td>
                      <span className="swatch" style={{ background: runColor(row.runId, theme) }} /> {row.runId}
                    </td>
                    <td>{row.metric}</td>
                    <td className="num">{formatStep(row.step)}</td>
                    <td>{formatTime(row.timeMs)}</td>
                    <td className="num">{formatValue(toNumber(row.value))}</td>
                    <td>{row.host || '–'}</td>
                    <td className="num">{row.rank ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <MetricGrid tab="checkpoints" />
    </div>
  );
}
