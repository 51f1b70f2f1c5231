import { useCallback } from 'react';
import { runColor } from '../../charts/colors';
import { useDashboard } from '../../state/dashboardStore';
import { chosenColor } from '../../state/runView';

/** A run's colour as drawn, and a stable setter that keeps the chosen colour in the view (and so in the URL). */
export function useRunColors(): { colorOf: (runId: string) => string; setRunColor: (runId: string, hex: string) => void } {
  const chosen = useDashboard((s) => s.view.runColors);
  const theme = useDashboard((s) => s.view.theme);
  const colorOf = useCallback((runId: string) => runColor(runId, theme, chosenColor(chosen, runId)), [chosen, theme]);
  const setRunColor = useCallback((runId: string, hex: string) => {
    const { view, setView } = useDashboard.getState();
    setView({ runColors: { ...view.runColors, [runId]: hex } });
  }, []);
  return { colorOf, setRunColor };
}
