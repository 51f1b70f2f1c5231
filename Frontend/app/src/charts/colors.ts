/** FNV-1a: a fast, well-spread 32-bit hash, so a run keeps its colour across reloads and machines. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A stable colour per run: hue from the hash (golden-angle spread), lightness tuned for the theme. */
export function runColor(runId: string, theme: 'dark' | 'light' = 'dark'): string {
  const hash = hashString(runId);
  const hue = Math.round(((hash % 360) * 137.508) % 360);
  const saturation = 65 + ((hash >>> 9) % 20);
  const lightness = theme === 'dark' ? 60 + ((hash >>> 17) % 12) : 38 + ((hash >>> 17) % 12);
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}

/** The same colour with transparency, for faint raw lines under smoothed ones and for envelopes. */
export function withAlpha(color: string, alpha: number): string {
  return color.replace(/\)$/, ` / ${alpha})`);
}

/**
 * The colour of one series of a run: the run's colour, turned a little per host/rank/device label so the series of
 * one run stay apart while still reading as that run.
 */
export function seriesColor(runId: string, labels: string, theme: 'dark' | 'light' = 'dark'): string {
  if (!labels) return runColor(runId, theme);
  const base = runColor(runId, theme);
  const hash = hashString(labels);
  const turn = ((hash % 9) - 4) * 9;
  const lighter = ((hash >>> 8) % 3) * 6 - 6;
  return base.replace(/^hsl\((\d+) (\d+)% (\d+)%\)$/, (_m, h, s, l) => `hsl(${(Number(h) + turn + 360) % 360} ${s}% ${Math.min(85, Math.max(25, Number(l) + lighter))}%)`);
}
