/** FNV-1a: a fast, well-spread 32-bit hash, so a run keeps its colour across reloads and machines. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A stable colour per run: hue from the hash (golden-angle spread), lightness tuned for the theme; or the colour the
 * user chose for it (`#rrggbb`, kept in the URL), in the same hsl() form so alpha and per-series turns apply.
 */
export function runColor(runId: string, theme: 'dark' | 'light' = 'dark', chosen?: string): string {
  if (chosen) return hexToHsl(chosen);
  const hash = hashString(runId);
  const hue = Math.round(((hash % 360) * 137.508) % 360);
  const saturation = 65 + ((hash >>> 9) % 20);
  const lightness = theme === 'dark' ? 60 + ((hash >>> 17) % 12) : 38 + ((hash >>> 17) % 12);
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}

/** A group's colour: drawn from its key as a run's is (the key cannot clash with a run's since it is marked). */
export function groupColor(key: string, theme: 'dark' | 'light' = 'dark', chosen?: string): string {
  return runColor(`group\u001f${key}`, theme, chosen);
}

const HEX = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i;
const HSL = /^hsl\(([\d.]+) ([\d.]+)% ([\d.]+)%\)$/;

/** `#rrggbb` as `hsl(h s% l%)`, one decimal each; anything else is returned as it is. */
export function hexToHsl(hex: string): string {
  const m = HEX.exec(hex);
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((c) => parseInt(c, 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  let h = 0;
  let s = 0;
  if (d > 0) {
    s = d / (1 - Math.abs(2 * l - 1));
    h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    h = (h * 60 + 360) % 360;
  }
  const round = (v: number) => Math.round(v * 10) / 10;
  return `hsl(${round(h)} ${round(s * 100)}% ${round(l * 100)}%)`;
}

/** `hsl(h s% l%)` as `#rrggbb`, the only form a colour input takes. */
export function hslToHex(color: string): string {
  const m = HSL.exec(color);
  if (!m) return HEX.test(color) ? color.toLowerCase() : '#808080';
  const h = Number(m[1]);
  const s = Number(m[2]) / 100;
  const l = Number(m[3]) / 100;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** The same colour with transparency, for faint raw lines under smoothed ones and for envelopes. */
export function withAlpha(color: string, alpha: number): string {
  return color.replace(/\)$/, ` / ${alpha})`);
}

/**
 * The colour of one series of a run: the run's colour, turned a little per host/rank/device label so the series of
 * one run stay apart while still reading as that run.
 */
export function seriesColor(runId: string, labels: string, theme: 'dark' | 'light' = 'dark', chosen?: string): string {
  const base = runColor(runId, theme, chosen);
  if (!labels) return base;
  const hash = hashString(labels);
  const turn = ((hash % 9) - 4) * 9;
  const lighter = ((hash >>> 8) % 3) * 6 - 6;
  return base.replace(HSL, (_m, h, s, l) => `hsl(${(Number(h) + turn + 360) % 360} ${s}% ${Math.min(85, Math.max(25, Number(l) + lighter))}%)`);
}
