import { formatValue } from '../format/format';
import type { ChartInput } from './chartModel';
import { withUnit } from './units';

const LATEST_SHOWN = 3;

/** The latest value of the first few series, written straight into the DOM on every frame (no React render). */
export function renderLatest(target: HTMLElement | null, inputs: readonly ChartInput[], unit = ''): void {
  if (!target) return;
  const items: HTMLElement[] = [];
  for (const input of inputs.slice(0, LATEST_SHOWN)) {
    const s = input.series;
    if (s.length === 0) continue;
    const item = document.createElement('span');
    item.className = 'latest-item';
    item.dataset.testid = 'chart-latest-value';
    item.dataset.run = s.runId;
    item.title = `${input.label} at step ${s.steps[s.length - 1]}`;
    const dot = document.createElement('span');
    dot.className = 'swatch';
    dot.style.background = input.color;
    item.append(dot, withUnit(formatValue(s.values[s.length - 1]), unit));
    items.push(item);
  }
  if (inputs.length > LATEST_SHOWN) {
    const more = document.createElement('span');
    more.className = 'latest-more';
    more.textContent = `+${inputs.length - LATEST_SHOWN}`;
    items.push(more);
  }
  target.replaceChildren(...items);
}
