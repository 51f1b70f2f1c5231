import type { TabId } from '../state/viewState';

/** Metrics whose name starts with one of `prefixes` (case-insensitive) belong to `tab`; the first rule wins. */
export interface TabRule {
  tab: TabId;
  prefixes: string[];
}

/** The defaults; the Frontend host can replace them (Dashboard__TabRules, served in /app-config.json). */
export const defaultTabRules: TabRule[] = [
  { tab: 'checkpoints', prefixes: ['checkpoint_', 'checkpoint.', 'checkpoint/'] },
  { tab: 'system', prefixes: ['sys.', 'sys/', 'system', 'cpu', 'gpu', 'idle', 'network', 'net.', 'mem', 'disk', 'io.'] },
  { tab: 'model', prefixes: ['moe', 'gsa', 'recurrence', 'recur', 'null_ratio', 'router', 'expert', 'Parameters/', 'Gradients/'] },
  { tab: 'progress', prefixes: ['milestone', 'progress', 'Timestep/', 'eta'] },
  { tab: 'training', prefixes: ['loss', 'Loss/', 'throughput', 'tokens', 'learning_rate', 'lr', 'grad', 'train', 'eval', 'val', 'samples', 'step_time', 'perplexity', 'ppl'] },
];

export class TabClassifier {
  private readonly rules: { tab: TabId; prefixes: string[] }[];
  private readonly cache = new Map<string, TabId>();

  constructor(rules: readonly TabRule[]) {
    this.rules = rules.map((rule) => ({ tab: rule.tab, prefixes: rule.prefixes.map((p) => p.toLowerCase()) }));
  }

  tabOf(metric: string): TabId {
    let tab = this.cache.get(metric);
    if (tab === undefined) {
      const name = metric.toLowerCase();
      tab = this.rules.find((rule) => rule.prefixes.some((prefix) => name.startsWith(prefix)))?.tab ?? 'other';
      this.cache.set(metric, tab);
    }
    return tab;
  }
}

/**
 * The heading a metric is grouped under inside its tab, as TensorBoard groups tags: the part before the first
 * "/", else all but the last "." segment (sys.gpu.0.util_percent → sys.gpu.0), else none.
 */
export function metricGroup(metric: string): string {
  const slash = metric.indexOf('/');
  if (slash > 0) return metric.slice(0, slash);
  const dot = metric.lastIndexOf('.');
  if (dot > 0) return metric.slice(0, dot);
  return '';
}

/**
 * Metrics in display groups: a group of one would waste a row, so such metrics join the ungrouped ones, which
 * come first (under `generalTitle`).
 */
export function groupMetrics(metrics: readonly string[], generalTitle: string): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const metric of metrics) {
    const group = metricGroup(metric);
    const list = groups.get(group) ?? [];
    list.push(metric);
    groups.set(group, list);
  }
  const general: string[] = [];
  const named: [string, string[]][] = [];
  for (const [group, list] of groups) {
    if (group === '' || list.length < 2) general.push(...list);
    else named.push([group, list]);
  }
  general.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return general.length > 0 ? [[generalTitle, general], ...named] : named;
}
