import { seriesStore } from '../data/seriesStore';
import { useDashboard } from '../state/dashboardStore';
import { applyStreamOutput } from './applyOutput';
import type { StreamCommand, StreamOutput } from './messages';
import { createSnapshotLoader, describeLoaded, type LoadedSnapshot } from './snapshotLoader';
import { StreamClient } from './streamClient';

export interface StreamHandle {
  reconnect(): void;
  stop(): void;
}

/**
 * Starts the stream: in a worker where the browser allows EventSource there, otherwise on the page itself.
 * Either way every output goes through the same apply step, in order.
 *
 * With a worker, the open tab's compact snapshot is loaded by the page (`openTabLoad`, asked for before the app's
 * code arrived, or here), not by the worker: the worker's script has to be fetched and compiled first (0.1–0.4 s of
 * the first paint on a loaded machine), and reading a compact snapshot is a copy of columns, cheap on the page. The
 * worker is told to start once it is painted, and then loads everything else.
 */
export function startStream(url = '/stream', focus: string[] | null = null, snapshotUrl = '/snapshot', openTabLoad: Promise<LoadedSnapshot> | null = null): StreamHandle {
  const apply = markFirstSnapshot((output: StreamOutput) => applyStreamOutput(output, seriesStore, useDashboard.getState));
  if (typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./stream.worker.ts', import.meta.url), { type: 'module', name: 'stream' });
      const openTab = focus ? applyOpenTab(openTabLoad ?? createSnapshotLoader(snapshotUrl)(focus), apply) : Promise.resolve(false);
      // What the stream client is to load first: the open tab, until the page has painted it.
      let first = focus;
      let stopped = false;
      let fallback: StreamHandle | null = null;
      worker.onmessage = (event: MessageEvent<StreamOutput | { kind: 'unsupported' }>) => {
        if (event.data.kind === 'unsupported') {
          worker.terminate();
          fallback = startOnPage(url, snapshotUrl, first, apply);
          return;
        }
        apply(event.data);
      };
      worker.onerror = (event) => {
        useDashboard.getState().log('error', `The stream worker failed (${event.message}); streaming on the page instead`);
        worker.terminate();
        fallback ??= startOnPage(url, snapshotUrl, first, apply);
      };
      const send = (command: StreamCommand) => worker.postMessage(command);
      void openTab.then((painted) => {
        if (painted) first = null;
        if (!stopped && !fallback) send({ kind: 'start', url, snapshotUrl, focus: first });
      });
      return {
        reconnect: () => (fallback ? fallback.reconnect() : send({ kind: 'reconnect' })),
        stop: () => {
          stopped = true;
          if (fallback) fallback.stop();
          else send({ kind: 'stop' });
        },
      };
    } catch {
      // Workers refused (e.g. by a policy): stream on the page.
    }
  }
  return startOnPage(url, snapshotUrl, focus, apply);
}

/** Applies the open tab's compact snapshot; false when there is none to be had (the stream client then tries). */
async function applyOpenTab(load: Promise<LoadedSnapshot>, apply: (output: StreamOutput) => void): Promise<boolean> {
  try {
    const snapshot = await load;
    apply({ kind: 'snapshot', seq: snapshot.seq, runs: snapshot.runs, series: snapshot.series, bytes: snapshot.bytes, readMs: snapshot.readMs, partial: true });
    apply({ kind: 'activity', entry: { time: Date.now(), level: 'info', message: describeLoaded(snapshot, true) } });
    return true;
  } catch (error) {
    apply({ kind: 'activity', entry: { time: Date.now(), level: 'info', message: `The open tab's compact snapshot could not be loaded (${String(error)})` } });
    return false;
  }
}

/**
 * Leaves a performance mark when the first snapshot has been applied ("dashboard:first-snapshot", its seq, size and
 * read time in the detail), so a profile or a benchmark can split the first paint at it.
 */
function markFirstSnapshot(apply: (output: StreamOutput) => void): (output: StreamOutput) => void {
  let marked = false;
  return (output) => {
    apply(output);
    if (!marked && output.kind === 'snapshot') {
      marked = true;
      performance.mark('dashboard:first-snapshot', { detail: { seq: output.seq, bytes: output.bytes, readMs: output.readMs, partial: output.partial ?? false } });
    }
  };
}

function startOnPage(url: string, snapshotUrl: string, focus: string[] | null, apply: (output: StreamOutput) => void): StreamHandle {
  const client = new StreamClient(url, {
    createEventSource: (u) => new EventSource(u),
    emit: apply,
    now: () => Date.now(),
    setTimer: (callback, ms) => window.setTimeout(callback, ms),
    clearTimer: (handle) => window.clearTimeout(handle as number),
    random: Math.random,
    isOnline: () => navigator.onLine,
    loadSnapshot: createSnapshotLoader(snapshotUrl),
  });
  window.addEventListener('online', () => client.reconnectNow());
  window.addEventListener('offline', () => client.wentOffline());
  client.start(focus);
  window.setInterval(() => client.checkStale(), 15_000);
  return { reconnect: () => client.reconnectNow(), stop: () => client.stop() };
}
