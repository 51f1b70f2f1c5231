/**
 * The metric filter: a regular expression when it is one that is safe to run, otherwise plain text. A shared link
 * carries the filter in its URL, so a pattern is never trusted: a long one, or one that can backtrack exponentially
 * (a quantified group that itself repeats or alternates, a backreference), would freeze the tab on a single metric
 * name. Those are matched as plain text instead, with a notice saying why.
 */
export interface TextFilter {
  readonly matches: (text: string) => boolean;
  /** Set when the filter is matched as plain text although it was meant as a pattern. */
  readonly notice?: string;
}

export const MAX_PATTERN_LENGTH = 200;

const NESTED_REPETITION = /\((?:[^()\\]|\\.)*(?:[*+?|]|\{\d)(?:[^()\\]|\\.)*\)(?:[*+]|\{\d)/;
const BACKREFERENCE = /\\[1-9]|\\k</;
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/;

export function textFilter(filter: string): TextFilter {
  const text = filter.trim();
  if (!text) return { matches: () => true };
  const plain = plainText(text);
  if (!REGEX_SYNTAX.test(text)) return plain;
  if (text.length > MAX_PATTERN_LENGTH) {
    return { ...plain, notice: `Longer than ${MAX_PATTERN_LENGTH} characters: matched as plain text.` };
  }
  if (NESTED_REPETITION.test(text) || BACKREFERENCE.test(text)) {
    return { ...plain, notice: 'A repeated group or a backreference can take forever to match: matched as plain text.' };
  }
  try {
    const pattern = new RegExp(text, 'i');
    return { matches: (value) => pattern.test(value) };
  } catch {
    return { ...plain, notice: 'Not a regular expression: matched as plain text.' };
  }
}

function plainText(text: string): TextFilter {
  const lower = text.toLowerCase();
  return { matches: (value) => value.toLowerCase().includes(lower) };
}
