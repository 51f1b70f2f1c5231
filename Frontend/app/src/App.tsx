import { useEffect } from 'react';
import { ChartOptions } from './components/ChartOptions';
import { Header } from './components/Header';
import { MetricGrid } from './components/MetricGrid';
import { RunBadges } from './components/RunBadges';
import { TabBar } from './components/TabBar';
import { useDashboard } from './state/dashboardStore';
import type { StreamHandle } from './stream/streamBridge';
import { AnalyticsTab } from './tabs/AnalyticsTab';
import { CheckpointsTab } from './tabs/CheckpointsTab';
import { ProgressTab } from './tabs/ProgressTab';

export function App({ stream }: { stream: StreamHandle }) {
  const tab = useDashboard((s) => s.view.tab);
  const theme = useDashboard((s) => s.view.theme);
  const title = useDashboard((s) => s.title);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="app">
      <Header onReconnect={() => stream.reconnect()} />
      <RunBadges />
      <TabBar />
      {tab !== 'analytics' && <ChartOptions />}
      <main className="content" data-testid={`tab-panel-${tab}`}>
        {tab === 'checkpoints' ? (
          <CheckpointsTab />
        ) : tab === 'progress' ? (
          <ProgressTab />
        ) : tab === 'analytics' ? (
          <AnalyticsTab />
        ) : (
          <MetricGrid key={tab} tab={tab} />
        )}
      </main>
    </div>
  );
}
