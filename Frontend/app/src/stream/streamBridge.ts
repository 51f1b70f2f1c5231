import { seriesStore } from '../data/seriesStore';
import { useDashboard } from '../state/dashboardStore';
import { applyStreamOutput } from './applyOutput';
import type { StreamCommand, StreamOutput } from './messages';
import { createSnapshotLoader } from './snapshotLoader';
import { StreamClient } from './streamClient';

export interface StreamHandle {
  reconnect(): void;
  stop(): void;
}

/**
 * Starts the stream: in a worker where the browser allows EventSource there, otherwise on the page itself.
 * Either way every output goes through the same apply step, in order.
 */
export function startStream(url = '/stream', focus: string[] | null = null, snapshotUrl = '/snapshot'): StreamHandle {
  const apply = (output: StreamOutput) => applyStreamOutput(output, seriesStore, useDashboard.getState);
  if (typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./stream.worker.ts', import.meta.url), { type: 'module', name: 'stream' });
      let fallback: StreamHandle | null = null;
      worker.onmessage = (event: MessageEvent<StreamOutput | { kind: 'unsupported' }>) => {
        if (event.data.kind === 'unsupported') {
          worker.terminate();
          fallback = startOnPage(url, snapshotUrl, focus, apply);
          return;
        }
        apply(event.data);
      };
      worker.onerror = (event) => {
        useDashboard.getState().log('error', `The stream worker failed (${event.message}); streaming on the page instead`);
        worker.terminate();
        fallback ??= startOnPage(url, snapshotUrl, focus, apply);
      };
      const send = (command: StreamCommand) => worker.postMessage(command);
      send({ kind: 'start', url, snapshotUrl, focus });
      return {
        reconnect: () => (fallback ? fallback.reconnect() : send({ kind: 'reconnect' })),
        stop: () => (fallback ? fallback.stop() : send({ kind: 'stop' })),
      };
    } catch {
      // Workers refused (e.g. by a policy): stream on the page.
    }
  }
  return startOnPage(url, snapshotUrl, focus, apply);
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
