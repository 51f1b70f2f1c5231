import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onRunsMoved } from './useRunsMoved';

/** A change feed the test publishes to, standing in for the series store. */
function changeFeed() {
  const listeners = new Set<(runs: ReadonlySet<string>) => void>();
  return {
    subscribe: (listener: (runs: ReadonlySet<string>) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    move: (...runs: string[]) => listeners.forEach((listener) => listener(new Set(runs))),
    listeners,
  };
}

describe('onRunsMoved', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls once per delay for a burst of moves of watched runs, and ignores other runs', () => {
    const feed = changeFeed();
    const onMoved = vi.fn();
    onRunsMoved((moved) => moved.has('a'), 1000, onMoved, feed.subscribe);

    feed.move('b');
    vi.advanceTimersByTime(2000);
    expect(onMoved).not.toHaveBeenCalled();

    feed.move('a');
    vi.advanceTimersByTime(500);
    feed.move('a', 'b');
    expect(onMoved).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(onMoved).toHaveBeenCalledTimes(1);

    feed.move('a');
    vi.advanceTimersByTime(1000);
    expect(onMoved).toHaveBeenCalledTimes(2);
  });

  it('unsubscribes and drops a pending call when stopped', () => {
    const feed = changeFeed();
    const onMoved = vi.fn();
    const stop = onRunsMoved(() => true, 1000, onMoved, feed.subscribe);

    feed.move('a');
    stop();
    vi.advanceTimersByTime(1000);

    expect(onMoved).not.toHaveBeenCalled();
    expect(feed.listeners.size).toBe(0);
  });
});
