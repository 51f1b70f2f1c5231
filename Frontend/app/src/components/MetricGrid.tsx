import { useMemo } from 'react';
import { ChartCard } from '../charts/ChartCard';
import { EnlargedChart } from '../charts/EnlargedChart';
import { groupMetrics, TabClassifier } from '../config/tabRules';
import { seriesStore } from '../data/seriesStore';
import { useCatalogVersion } from '../hooks/useCatalog';
import { useVisibleRuns } from '../hooks/useRuns';
import { useDashboard } from '../state/dashboardStore';
import type { TabId } from '../state/viewState';
import { LazyMount } from './LazyMount';
import { TAB_LABEL } from './tabLabels';
import { textFilter } from '../format/textFilter';

const CARD_HEIGHT = 290;

export function useTabMetrics(tab: TabId): string[] {
  const catalog = useCatalogVersion();
  const rules = useDashboard((s) => s.tabRules);
  const filter = useDashboard((s) => s.view.metricFilter);
  const { selected } = useVisibleRuns();
  const classifier = useMemo(() => new TabClassifier(rules), [rules]);
  return useMemo(() => {
    const { matches } = textFilter(filter);
    return seriesStore
      .metricsOfRuns(selected)
      .filter((m) => classifier.tabOf(m) === tab && matches(m))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    // catalog: the store's metric set changed.
  }, [catalog, classifier, filter, selected, tab]);
}

/** The charts of one tab, grouped by metric prefix, each mounted only near the viewport. */
export function MetricGrid({ tab }: { tab: TabId }) {
  const metrics = useTabMetrics(tab);
  const groups = useMemo(() => groupMetrics(metrics, TAB_LABEL[tab]), [metrics, tab]);
  const enlarged = useDashboard((s) => s.view.enlarged);

  if (metrics.length === 0) {
    return (
      <p className="empty" data-testid="empty-tab">
        No metrics of this tab for the selected runs{useDashboard.getState().view.metricFilter ? ' and filter' : ''}.
      </p>
    );
  }
  return (
    <div className="metric-groups">
      {enlarged && metrics.includes(enlarged) && <EnlargedChart metric={enlarged} syncKey={`tab-${tab}`} />}
      {groups.map(([group, list]) => (
        <section key={group} className="metric-group" data-testid="metric-group" data-group={group}>
          <h2 className="group-title">
            {group} <span className="count">{list.length}</span>
          </h2>
          <div className="chart-grid">
            {list.map((metric) => (
              <LazyMount key={metric} height={CARD_HEIGHT}>
                <ChartCard metric={metric} syncKey={`tab-${tab}`} />
              </LazyMount>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
