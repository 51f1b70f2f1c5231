import type { TabRule } from '../config/tabRules';
import type { TabId } from '../state/viewState';

/** The server's filter allows this many prefixes (docs/protocol.md). */
const MAX_PREFIXES = 200;

/**
 * Metric-name prefixes for a first, smaller snapshot holding only the open tab's metrics, so its charts paint
 * while the full snapshot is still on its way. The server compares prefixes case-sensitively and the tab rules do
 * not, so each prefix goes as written, lower-case and capitalised. Null where a tab has no prefixes to ask for.
 */
export function focusPrefixes(tab: TabId, rules: readonly TabRule[]): string[] | null {
  const rule = rules.filter((r) => r.tab === tab);
  if (rule.length === 0) return null;
  const prefixes = new Set<string>();
  for (const r of rule) {
    for (const p of r.prefixes) {
      if (p.includes(',') || p.trim() !== p || p.length === 0) continue;
      prefixes.add(p);
      prefixes.add(p.toLowerCase());
      prefixes.add(p.charAt(0).toUpperCase() + p.slice(1));
    }
  }
  const list = Array.from(prefixes);
  return list.length > 0 && list.length <= MAX_PREFIXES ? list : null;
}
