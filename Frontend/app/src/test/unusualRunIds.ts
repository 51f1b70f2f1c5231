/** Run ids with the characters a URL, a query list or a Redis key treats specially (the server's tests use the same). */
export const UNUSUAL_RUN_IDS = ['a/b', 'x:y', 'with space', 'ünï 🚀', '50%', 'a,b', 'q?#', 'a%2Fb', 'plus+sign', 'amp&eq='] as const;

/** Parses a URL the page built as the browser does, against the page's origin. */
export function parseAsBrowser(url: string): URL {
  return new URL(url, 'http://dashboard.test/');
}
