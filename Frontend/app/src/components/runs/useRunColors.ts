import { useCallback } from 'react';
import { runColor } from '../../charts/colors';
import { useDashboard } from '../../state/dashboardStore';
import { chosenColor } from '../../state/runView';

export interface RunColors {
  colorOf: (runId: string) => string;
  isChosen: (runId: string) => boolean;
  setRunColor: (runId: string, hex: string) => void;
  resetRunColor: (runId: string) => void;
}

/** A run's colour as drawn, and stable setters that keep the chosen colours in the view (and so in the URL). */
export function useRunColors(): RunColors {
  const chosen = useDashboard((s) => s.view.runColors);
  const theme = useDashboard((s) => s.view.theme);
  const colorOf = useCallback((runId: string) => runColor(runId, theme, chosenColor(chosen, runId)), [chosen, theme]);
  const isChosen = useCallback((runId: string) => chosenColor(chosen, runId) !== undefined, [chosen]);
  const setRunColor = useCallback((runId: string, hex: string) => {
    const { view, setView } = useDashboard.getState();
    setView({ runColors: { ...view.runColors, [runId]: hex } });
  }, []);
  const resetRunColor = useCallback((runId: string) => {
    const { view, setView } = useDashboard.getState();
    setView({ runColors: Object.fromEntries(Object.entries(view.runColors).filter(([id]) => id !== runId)) });
  }, []);
  return { colorOf, isChosen, setRunColor, resetRunColor };
}
