import type { StreamOutput } from '../stream/messages';
import type { SnapshotLoader } from '../stream/snapshotLoader';
import { StreamClient } from '../stream/streamClient';
import { FakeEventSource } from './fakeEventSource';

interface FakeTimer {
  callback: () => void;
  ms: number;
  cleared: boolean;
}

/**
 * A StreamClient on fakes the test drives: event sources it opens and feeds, a clock it moves, and timers it
 * fires by hand (firing one moves the clock by its delay, as a real wait would).
 */
export function streamClientHarness(loadSnapshot?: SnapshotLoader) {
  const sources: FakeEventSource[] = [];
  const outputs: StreamOutput[] = [];
  const timers: FakeTimer[] = [];
  let now = 1_000_000;
  const client = new StreamClient('/stream', {
    createEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    emit: (output) => outputs.push(output),
    now: () => now,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as FakeTimer).cleared = true;
    },
    random: () => 0.5,
    isOnline: () => true,
    loadSnapshot,
  });
  const advance = (ms: number) => (now += ms);
  const runTimer = () => {
    const timer = timers.filter((t) => !t.cleared).at(-1)!;
    timer.cleared = true;
    now += timer.ms;
    timer.callback();
  };
  const last = () => sources[sources.length - 1];
  const status = () => [...outputs].reverse().find((o) => o.kind === 'status') as Extract<StreamOutput, { kind: 'status' }>;
  return { client, sources, outputs, timers, advance, runTimer, last, status };
}
