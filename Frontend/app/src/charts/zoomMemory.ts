type Range = [number, number];
type Listener = (range: Range | null) => void;

/**
 * The zoomed x range of each chart, by tab, metric and x axis, shared by the cards that show the same chart (the
 * one in the grid and the enlarged one), so that enlarging a zoomed chart keeps its zoom, and back again.
 */
class ZoomMemory {
  private readonly ranges = new Map<string, Range>();
  private readonly listeners = new Map<string, Set<Listener>>();

  get(key: string): Range | null {
    return this.ranges.get(key) ?? null;
  }

  set(key: string, range: Range | null): void {
    const before = this.ranges.get(key);
    if (before === range || (before && range && before[0] === range[0] && before[1] === range[1])) return;
    if (range) this.ranges.set(key, range);
    else this.ranges.delete(key);
    for (const listener of this.listeners.get(key) ?? []) listener(range);
  }

  subscribe(key: string, listener: Listener): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}

export const zoomMemory = new ZoomMemory();
