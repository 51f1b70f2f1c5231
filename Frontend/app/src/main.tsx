import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles/app.css';
import { App } from './App';
import { loadAppConfig } from './config/appConfig';
import { useDashboard } from './state/dashboardStore';
import { startUrlSync } from './state/urlSync';
import { focusPrefixes } from './stream/focus';
import { startStream } from './stream/streamBridge';

startUrlSync();
document.documentElement.dataset.theme = useDashboard.getState().view.theme;
// The stream starts before the first render: the snapshot is the long pole of the first paint. It asks for the
// open tab's metrics first (with the built-in rules: the host's rules are still on their way).
const initial = useDashboard.getState();
const stream = startStream('/stream', focusPrefixes(initial.view.tab, initial.tabRules));
void loadAppConfig().then(({ title, rules }) => {
  const state = useDashboard.getState();
  state.setConfig(title ?? state.title, rules ?? state.tabRules);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App stream={stream} />
  </StrictMode>,
);
