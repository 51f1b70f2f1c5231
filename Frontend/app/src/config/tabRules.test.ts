import { describe, expect, it } from 'vitest';
import { defaultTabRules, groupMetrics, metricGroup, TabClassifier } from './tabRules';

describe('tab rules', () => {
  it('sorts metrics into tabs by prefix, case-insensitively, first rule winning', () => {
    const c = new TabClassifier(defaultTabRules);
    expect(c.tabOf('loss_t1')).toBe('training');
    expect(c.tabOf('Loss/batch')).toBe('training');
    expect(c.tabOf('Learning_rate')).toBe('training');
    expect(c.tabOf('sys.gpu.0.util_percent')).toBe('system');
    expect(c.tabOf('checkpoint_save')).toBe('checkpoints');
    expect(c.tabOf('moe.aux_loss')).toBe('model');
    expect(c.tabOf('null_ratio')).toBe('model');
    expect(c.tabOf('Timestep/current')).toBe('progress');
    expect(c.tabOf('something_else')).toBe('other');
  });

  it('takes configured rules instead of the defaults', () => {
    const c = new TabClassifier([{ tab: 'system', prefixes: ['loss'] }]);
    expect(c.tabOf('loss_t1')).toBe('system');
    expect(c.tabOf('sys.cpu')).toBe('other');
  });

  it('groups by the part before "/" or the last "." and keeps groups of one with the ungrouped', () => {
    expect(metricGroup('Loss/batch')).toBe('Loss');
    expect(metricGroup('sys.gpu.0.util_percent')).toBe('sys.gpu.0');
    expect(metricGroup('loss_t1')).toBe('');
    expect(groupMetrics(['Loss/batch', 'Loss/mean', 'grad_norm', 'moe.aux', 'lr'], 'Training')).toEqual([
      ['Training', ['grad_norm', 'lr', 'moe.aux']],
      ['Loss', ['Loss/batch', 'Loss/mean']],
    ]);
  });
});
