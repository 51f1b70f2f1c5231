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
