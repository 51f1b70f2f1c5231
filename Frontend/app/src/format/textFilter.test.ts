import { describe, expect, it } from 'vitest';
import { MAX_PATTERN_LENGTH, textFilter } from './textFilter';

describe('textFilter', () => {
  it('matches plain text case-insensitively and a safe pattern as a regular expression', () => {
    expect(textFilter('LOSS').matches('train/loss_t1')).toBe(true);
    expect(textFilter('^sys\\.gpu\\.[0-3]\\.').matches('sys.gpu.2.util_percent')).toBe(true);
    expect(textFilter('^sys\\.gpu\\.[0-3]\\.').matches('sys.gpu.7.util_percent')).toBe(false);
    expect(textFilter('^sys').notice).toBeUndefined();
  });

  it.each(['(a+)+$', '(a|aa)*b', '(\\w+\\s?)*$', '(.*a){12}', '(x)\\1'])('matches %s as plain text, with a notice, without running it', (pattern) => {
    const filter = textFilter(pattern);

    // Run as a regular expression, most of these would not finish on this input; as plain text they do not match it.
    expect(filter.matches('a'.repeat(40) + '!')).toBe(false);
    expect(filter.notice).toMatch(/plain text/);
    expect(filter.matches(`metric ${pattern}`)).toBe(true);
  });

  it('matches a pattern that is too long or invalid as plain text, with a notice', () => {
    expect(textFilter('a'.repeat(MAX_PATTERN_LENGTH) + '.').notice).toMatch(/Longer than/);
    const invalid = textFilter('loss[');
    expect(invalid.notice).toMatch(/Not a regular expression/);
    expect(invalid.matches('loss[0]')).toBe(true);
  });
});
