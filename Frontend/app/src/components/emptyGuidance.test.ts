import { describe, expect, it } from 'vitest';
import { isUnconfigured } from './emptyGuidance';

describe('empty guidance', () => {
  it('shows when StreamApi says no source is configured', () => {
    expect(isUnconfigured({ status: 'unconfigured', configured_sources: [] })).toBe(true);
    expect(isUnconfigured({ status: 'starting', configured_sources: [] })).toBe(true);
  });

  it('stays away when a source is configured, the field is missing, or there is no answer', () => {
    expect(isUnconfigured({ status: 'healthy', configured_sources: ['logdir'] })).toBe(false);
    expect(isUnconfigured({ status: 'healthy' })).toBe(false);
    expect(isUnconfigured(null)).toBe(false);
  });
});
