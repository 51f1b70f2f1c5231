import type { SeriesStore } from '../data/seriesStore';
import type { DashboardState } from '../state/dashboardStore';
import type { RunMeta } from '../wire/types';
import type { StreamOutput } from './messages';

type Ui = Pick<DashboardState, 'runs' | 'setRuns' | 'setConnection' | 'log' | 'addActivity' | 'bumpCatalog' | 'setLag' | 'setSnapshotAt'>;

/** Applies what the stream client reports to the series store and the page state, in arrival order. */
export function applyStreamOutput(output: StreamOutput, store: SeriesStore, ui: () => Ui, now: () => number = Date.now): void {
  switch (output.kind) {
    case 'snapshot':
      store.applySnapshot(output.series);
      ui().setRuns(output.runs);
      ui().setSnapshotAt(now());
      ui().bumpCatalog(store.catalogVersion);
      break;
    case 'delta': {
      const before = store.catalogVersion;
      store.applyDelta(output.series);
      if (store.catalogVersion !== before) ui().bumpCatalog(store.catalogVersion);
      if (output.publishedMs) ui().setLag(Math.max(0, now() - output.publishedMs));
      break;
    }
    case 'runs_meta': {
      const previous = ui().runs;
      logRunChanges(previous, output.runs, ui);
      const before = store.catalogVersion;
      store.retainRuns(output.runs);
      if (store.catalogVersion !== before) ui().bumpCatalog(store.catalogVersion);
      ui().setRuns(output.runs);
      break;
    }
    case 'status':
      ui().setConnection(output.status);
      break;
    case 'activity':
      ui().addActivity(output.entry);
      break;
  }
}

function logRunChanges(previous: readonly RunMeta[], next: readonly RunMeta[], ui: () => Ui): void {
  const before = new Map(previous.map((run) => [run.run_id, run]));
  const after = new Set(next.map((run) => run.run_id));
  for (const run of next) {
    const old = before.get(run.run_id);
    if (!old) ui().log('info', `New run ${run.run_id} (${run.source})`);
    else if (old.is_active && !run.is_active) ui().log('info', `Run ${run.run_id} went quiet at step ${run.latest_step}`);
    else if (!old.is_active && run.is_active) ui().log('info', `Run ${run.run_id} is active again`);
  }
  for (const run of previous) {
    if (!after.has(run.run_id)) ui().log('warn', `Run ${run.run_id} is gone from the source`);
  }
}
