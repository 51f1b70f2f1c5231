import { describe, expect, it } from 'vitest';
import { defaultTabRules } from '../config/tabRules';
import { focusPrefixes } from './focus';

describe('focusPrefixes', () => {
  it('asks for each prefix of the tab as written, lower-case and capitalised', () => {
    const prefixes = focusPrefixes('checkpoints', [{ tab: 'checkpoints', prefixes: ['checkpoint_', 'Ckpt/'] }]);
    expect(prefixes).toEqual(['checkpoint_', 'Checkpoint_', 'Ckpt/', 'ckpt/']);
  });

  it('has nothing to ask for the analytics and other tabs', () => {
    expect(focusPrefixes('analytics', defaultTabRules)).toBeNull();
    expect(focusPrefixes('other', defaultTabRules)).toBeNull();
  });

  it('leaves out prefixes the filter syntax cannot carry', () => {
    expect(focusPrefixes('system', [{ tab: 'system', prefixes: ['a,b', ' c'] }])).toBeNull();
  });
});
