import { formatValue } from '../format/format';
import type { LatestValues } from './latestItems';
import { withUnit } from './units';

/**
 * The latest-value line (see latestItems for what it holds), written straight into the DOM on every frame (no
 * React render). A run's entry carries `data-run`, a group mean's `data-group`.
 */
export function renderLatest(target: HTMLElement | null, latest: LatestValues, unit = ''): void {
  if (!target) return;
  const items: HTMLElement[] = [];
  for (const entry of latest.items) {
    const item = document.createElement('span');
    item.className = 'latest-item';
    item.dataset.testid = 'chart-latest-value';
    if (entry.kind === 'group') item.dataset.group = entry.id;
    else item.dataset.run = entry.id;
    item.title = entry.title;
    const dot = document.createElement('span');
    dot.className = 'swatch';
    dot.style.background = entry.color;
    item.append(dot, withUnit(formatValue(entry.value), unit));
    items.push(item);
  }
  if (latest.more > 0) {
    const more = document.createElement('span');
    more.className = 'latest-more';
    more.textContent = `+${latest.more}`;
    items.push(more);
  }
  target.replaceChildren(...items);
}
