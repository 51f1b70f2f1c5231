import { useEffect, useState } from 'react';
import { seriesStore } from '../data/seriesStore';

type ChangeSubscription = (listener: (runs: ReadonlySet<string>) => void) => () => void;

/**
 * Calls `onMoved` `delayMs` after the stream first moves a run that `watches` accepts (a delta or metadata touched
 * it), however many more move meanwhile: a live run's burst of deltas is one call. Returns the unsubscribe, which
 * also drops a call still pending.
 */
export function onRunsMoved(
  watches: (moved: ReadonlySet<string>) => boolean,
  delayMs: number,
  onMoved: () => void,
  subscribe: ChangeSubscription = (listener) => seriesStore.subscribeChanges(listener),
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const off = subscribe((moved) => {
    if (!watches(moved)) return;
    timer ??= setTimeout(() => {
      timer = undefined;
      onMoved();
    }, delayMs);
  });
  return () => {
    off();
    clearTimeout(timer);
  };
}

/**
 * A count that goes up each time `onRunsMoved` fires: a dependency for effects that fetch again when watched runs
 * moved. Keep `watches` stable (useCallback): a new one subscribes again and drops a pending count.
 */
export function useRunsMovedCount(watches: (moved: ReadonlySet<string>) => boolean, delayMs: number): number {
  const [count, setCount] = useState(0);
  useEffect(() => onRunsMoved(watches, delayMs, () => setCount((c) => c + 1)), [watches, delayMs]);
  return count;
}
