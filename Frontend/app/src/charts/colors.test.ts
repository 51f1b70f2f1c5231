import { describe, expect, it } from 'vitest';
import { runColor, seriesColor } from './colors';

describe('colours', () => {
  it('gives a run the same colour every time, and different runs different colours', () => {
    expect(runColor('llm-7b-2026-11-25')).toBe(runColor('llm-7b-2026-11-25'));
    const colors = new Set(Array.from({ length: 20 }, (_, i) => runColor(`run-${i}`)));
    expect(colors.size).toBeGreaterThan(15);
  });

  it('keeps the run colour for its plain series and varies it per host/rank/device', () => {
    expect(seriesColor('r1', '')).toBe(runColor('r1'));
    expect(seriesColor('r1', '{host=node-1}')).not.toBe(seriesColor('r1', '{host=node-2}'));
    expect(seriesColor('r1', '{host=node-1}')).toMatch(/^hsl\(\d+ \d+% \d+%\)$/);
  });
});
