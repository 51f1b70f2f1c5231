/** Chart colours from the theme's CSS variables, so charts follow the page's theme. */
export interface ChartColors {
  axis: string;
  grid: string;
  alarm: string;
  accent: string;
}

export function chartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    axis: read('--chart-axis', '#9ca3af'),
    grid: read('--chart-grid', 'rgba(148,163,184,0.15)'),
    alarm: read('--alarm', '#ef4444'),
    accent: read('--accent', '#34d399'),
  };
}
