import { describe, expect, it } from 'vitest';
import { Sequencer } from './sequencer';

describe('Sequencer', () => {
  it('applies a snapshot and then exactly the next events', () => {
    const s = new Sequencer();
    expect(s.judge('snapshot', 10)).toBe('apply');
    expect(s.judge('delta', 11)).toBe('apply');
    expect(s.judge('runs_meta', 12)).toBe('apply');
    expect(s.lastSeq).toBe(12);
  });

  it('reports a gap when a sequence number is skipped', () => {
    const s = new Sequencer();
    s.judge('snapshot', 10);
    expect(s.judge('delta', 12)).toBe('gap');
    expect(s.lastSeq).toBe(10);
  });

  it('drops a repeated event rather than applying it twice', () => {
    const s = new Sequencer();
    s.judge('snapshot', 10);
    s.judge('delta', 11);
    expect(s.judge('delta', 11)).toBe('duplicate');
    expect(s.judge('delta', 12)).toBe('apply');
  });

  it('needs a snapshot first after a reset', () => {
    const s = new Sequencer();
    expect(s.judge('delta', 1)).toBe('gap');
    s.judge('snapshot', 5);
    s.reset();
    expect(s.judge('delta', 6)).toBe('gap');
    expect(s.judge('snapshot', 9)).toBe('apply');
  });

  it('takes a snapshot with a lower number than the last event (server restarted its count)', () => {
    const s = new Sequencer();
    s.judge('snapshot', 100);
    expect(s.judge('snapshot', 3)).toBe('apply');
    expect(s.judge('delta', 4)).toBe('apply');
  });
});
