/** Bins for a histogram of finite values: Freedman–Diaconis width, between 5 and 60 bins. */
export function histogram(values: readonly number[]): { centers: number[]; counts: number[]; width: number } {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return { centers: [], counts: [], width: 0 };
  const min = finite[0];
  const max = finite[finite.length - 1];
  if (min === max) return { centers: [min], counts: [finite.length], width: 1 };
  const q = (p: number) => finite[Math.min(finite.length - 1, Math.floor(p * (finite.length - 1)))];
  const iqr = q(0.75) - q(0.25);
  const fd = iqr > 0 ? (2 * iqr) / Math.cbrt(finite.length) : (max - min) / Math.sqrt(finite.length);
  const bins = Math.min(60, Math.max(5, Math.ceil((max - min) / fd)));
  const width = (max - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor((v - min) / width))]++;
  return { centers: counts.map((_, i) => min + (i + 0.5) * width), counts, width };
}

/** Bin centres and counts from the server's edges (bins + 1 of them) and counts. */
export function binsOf(edges: readonly number[], counts: readonly number[]): { centers: number[]; counts: number[] } {
  const n = Math.min(counts.length, edges.length - 1);
  const centers: number[] = [];
  for (let i = 0; i < n; i++) centers.push((edges[i] + edges[i + 1]) / 2);
  return { centers, counts: counts.slice(0, Math.max(0, n)) };
}
