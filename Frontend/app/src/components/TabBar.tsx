import { useMemo } from 'react';
import { TabClassifier } from '../config/tabRules';
import { seriesStore } from '../data/seriesStore';
import { useCatalogVersion } from '../hooks/useCatalog';
import { useDashboard } from '../state/dashboardStore';
import { TAB_IDS, type TabId } from '../state/viewState';
import { TAB_LABEL } from './tabLabels';


export function TabBar() {
  const tab = useDashboard((s) => s.view.tab);
  const setView = useDashboard((s) => s.setView);
  const rules = useDashboard((s) => s.tabRules);
  const catalog = useCatalogVersion();
  const counts = useMemo(() => {
    const classifier = new TabClassifier(rules);
    const result = new Map<TabId, number>();
    for (const metric of seriesStore.metrics()) {
      const id = classifier.tabOf(metric);
      result.set(id, (result.get(id) ?? 0) + 1);
    }
    return result;
  }, [rules, catalog]);
  // "Other" appears only when some metric matches no rule.
  const tabs = TAB_IDS.filter((id) => id !== 'other' || (counts.get('other') ?? 0) > 0 || tab === 'other');
  return (
    <nav className="tabs" role="tablist" aria-label="Dashboard sections">
      {tabs.map((id) => (
        <button
          key={id}
          type="button"
          role="tab"
          aria-selected={tab === id}
          className={`tab ${tab === id ? 'on' : ''}`}
          data-testid={`tab-${id}`}
          onClick={() => setView({ tab: id })}
        >
          {TAB_LABEL[id]}
          {id !== 'analytics' && counts.get(id) ? <span className="count">{counts.get(id)}</span> : null}
        </button>
      ))}
    </nav>
  );
}
