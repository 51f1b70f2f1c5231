/// <reference lib="webworker" />
import type { StreamCommand, StreamOutput } from './messages';
import { createSnapshotLoader } from './snapshotLoader';
import { StreamClient } from './streamClient';

/**
 * Runs the SSE connection off the main thread: a snapshot can be tens of megabytes of JSON (when it comes from the
 * stream rather than as a compact snapshot), and parsing it here keeps every frame of the page smooth. Columns cross
 * to the page as transferred buffers, without a copy.
 */
declare const self: DedicatedWorkerGlobalScope;

let client: StreamClient | null = null;

function emit(output: StreamOutput, transfer?: ArrayBuffer[]): void {
  self.postMessage(output, transfer ?? []);
}

self.addEventListener('message', (event: MessageEvent<StreamCommand>) => {
  const command = event.data;
  switch (command.kind) {
    case 'start':
      if (typeof EventSource === 'undefined') {
        self.postMessage({ kind: 'unsupported' });
        return;
      }
      client ??= new StreamClient(command.url, {
        createEventSource: (url) => new EventSource(url),
        emit,
        now: () => Date.now(),
        setTimer: (callback, ms) => setTimeout(callback, ms),
        clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        random: Math.random,
        isOnline: () => self.navigator.onLine,
        loadSnapshot: command.snapshotUrl ? createSnapshotLoader(command.snapshotUrl) : undefined,
      });
      client.start(command.focus);
      setInterval(() => client?.checkStale(), 15_000);
      break;
    case 'stop':
      client?.stop();
      break;
    case 'reconnect':
      client?.reconnectNow();
      break;
  }
});

self.addEventListener('online', () => client?.reconnectNow());
self.addEventListener('offline', () => client?.wentOffline());
