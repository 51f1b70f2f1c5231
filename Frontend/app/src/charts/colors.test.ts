import { describe, expect, it } from 'vitest';
import { groupColor, hexToHsl, hslToHex, runColor, seriesColor, withAlpha } from './colors';

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

describe('chosen colours', () => {
  it('turn a chosen #rrggbb into the hsl() form and back', () => {
    expect(runColor('run-a', 'dark', '#ff0000')).toBe('hsl(0 100% 50%)');
    expect(hexToHsl('#336699')).toBe('hsl(210 50% 40%)');
    expect(hslToHex(hexToHsl('#336699'))).toBe('#336699');
    expect(hslToHex(runColor('run-a'))).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('keep per-series turns and transparency working on a chosen colour', () => {
    expect(seriesColor('run-a', '', 'dark', '#ff0000')).toBe('hsl(0 100% 50%)');
    expect(seriesColor('run-a', '{host=node-1}', 'dark', '#ff0000')).toMatch(/^hsl\(\d+ 100% \d+%\)$/);
    expect(withAlpha(runColor('run-a', 'dark', '#336699'), 0.5)).toBe('hsl(210 50% 40% / 0.5)');
  });

  it('give groups their own colours, distinct from a run of the same name', () => {
    expect(groupColor('lr3')).not.toBe(runColor('lr3'));
    expect(groupColor('lr3', 'dark', '#00ff00')).toBe('hsl(120 100% 50%)');
  });
});
