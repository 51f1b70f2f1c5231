/**
 * The metric and run filters: a regular expression when it is one that is safe to run, otherwise plain text. A shared link
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
  const { pattern, notice } = safePattern(text);
  if (pattern) return { matches: (value) => pattern.test(value) };
  return { ...plainText(text), notice };
}

/** A pattern as written by a user or a shared link. */
export interface SafePattern {
  /** Case-insensitive; null when the text is to be matched as plain text. */
  readonly pattern: RegExp | null;
  /** Why text meant as a pattern is not run as one. */
  readonly notice?: string;
}

/** The text as a regular expression when it has regex syntax and is safe to run (see above). */
export function safePattern(text: string): SafePattern {
  if (!REGEX_SYNTAX.test(text)) return { pattern: null };
  if (text.length > MAX_PATTERN_LENGTH) return { pattern: null, notice: `Longer than ${MAX_PATTERN_LENGTH} characters: matched as plain text.` };
  if (NESTED_REPETITION.test(text) || BACKREFERENCE.test(text)) {
    return { pattern: null, notice: 'A repeated group or a backreference can take forever to match: matched as plain text.' };
  }
  try {
    return { pattern: new RegExp(text, 'i') };
  } catch {
    return { pattern: null, notice: 'Not a regular expression: matched as plain text.' };
  }
}

function plainText(text: string): TextFilter {
  const lower = text.toLowerCase();
  return { matches: (value) => value.toLowerCase().includes(lower) };
}
