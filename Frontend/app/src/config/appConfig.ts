import { TAB_IDS, type TabId } from '../state/viewState';
import type { TabRule } from './tabRules';

interface AppConfigDocument {
  title?: string;
  tab_rules?: { tab: string; prefixes: string[] }[];
}

/**
 * The host's settings for the page (/app-config.json): the title and the metric-to-tab rules. Without it (the
 * page served by a bare static server) the built-in defaults stand.
 */
export async function loadAppConfig(): Promise<{ title?: string; rules?: TabRule[] }> {
  try {
    const response = await fetch('/app-config.json', { headers: { Accept: 'application/json' } });
    if (!response.ok) return {};
    const doc = (await response.json()) as AppConfigDocument;
    const rules = doc.tab_rules
      ?.filter((r) => (TAB_IDS as readonly string[]).includes(r.tab) && Array.isArray(r.prefixes))
      .map((r) => ({ tab: r.tab as TabId, prefixes: r.prefixes.filter((p) => typeof p === 'string' && p.length > 0) }));
    return { title: doc.title, rules: rules && rules.length > 0 ? rules : undefined };
  } catch {
    return {};
  }
}
