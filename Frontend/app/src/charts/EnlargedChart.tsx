import { useEffect, useRef, useState } from 'react';
import { useDashboard } from '../state/dashboardStore';
import { ChartCard } from './ChartCard';

/** Room above and below the enlarged plot for its title, tools, axis and the page's margins, in CSS pixels. */
const CHROME_HEIGHT = 150;
const MIN_HEIGHT = 240;

function plotHeight(): number {
  return Math.max(MIN_HEIGHT, window.innerHeight - CHROME_HEIGHT);
}

/**
 * One chart over the whole page: the view's `enlarged` metric, with the view's smoothing, log scale and x axis,
 * and the zoom it has in the grid (both cards share it). Escape or the card's button restores the grid, and focus
 * returns to where it was.
 */
export function EnlargedChart({ metric, syncKey }: { metric: string; syncKey: string }) {
  const setView = useDashboard((s) => s.setView);
  const [height, setHeight] = useState(plotHeight);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('[data-testid="chart-enlarge"]')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setView({ enlarged: null });
    };
    const onResize = () => setHeight(plotHeight());
    window.addEventListener('keydown', onKey);
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('resize', onResize);
      before?.focus();
    };
  }, [setView]);

  return (
    <div className="chart-overlay" ref={ref} role="dialog" aria-modal="true" aria-label={`${metric}, enlarged`} data-testid="chart-enlarged" data-metric={metric}>
      <ChartCard metric={metric} syncKey={syncKey} height={height} />
    </div>
  );
}
