import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadAppConfig } from './config/appConfig';
import { useDashboard } from './state/dashboardStore';
import { startUrlSync } from './state/urlSync';
import type { LoadedSnapshot } from './stream/snapshotLoader';
import { startStream } from './stream/streamBridge';

/**
 * The app, once its code has arrived: the stream starts before the first render (with the open tab's snapshot that
 * main.tsx already asked for), then React mounts.
 */
export function startApp(focus: string[] | null, openTab: Promise<LoadedSnapshot> | null): void {
  startUrlSync();
  document.documentElement.dataset.theme = useDashboard.getState().view.theme;
  const stream = startStream('/stream', focus, '/snapshot', openTab);
  void loadAppConfig().then(({ title, rules }) => {
    const state = useDashboard.getState();
    state.setConfig(title ?? state.title, rules ?? state.tabRules);
  });

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App stream={stream} />
    </StrictMode>,
  );
}
