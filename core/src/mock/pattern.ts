/**
 * Route path patterns on path-to-regexp 9: `:name` parameters, and `*` wildcards written bare as
 * in SPEC §9 (`/files/*`) or named (`/files/*rest`). A bare `*` is named `wild` (then `wild2`, …).
 */
import type * as PathToRegexp from 'path-to-regexp' with { 'resolution-mode': 'import' };

export type PathParams = Record<string, string | string[]>;
export type PathMatcher = PathToRegexp.MatchFunction<PathParams>;

const BARE_WILDCARD = /\*(?![A-Za-z_$"])/g;

/** The pattern in path-to-regexp 9 syntax. */
export function toPattern(path: string): string {
  let count = 0;
  return path.replace(BARE_WILDCARD, () => {
    count++;
    return count === 1 ? '*wild' : `*wild${count}`;
  });
}

/** Percent-decoding that keeps a malformed escape as sent instead of throwing. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The matcher of a pattern (case-sensitive, whole path), or why the pattern is invalid. */
export function compilePattern(pattern: string): { match: PathMatcher } | { problem: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module, bundled by esbuild
  const { match } = require('path-to-regexp') as typeof PathToRegexp;
  try {
    return { match: match<PathParams>(pattern, { decode, sensitive: true }) };
  } catch (error) {
    const message = (error as Error).message.replace(/; visit https:\/\/\S+ for info$/, '');
    return {
      problem: `invalid path pattern: ${message}; use \`:name\` for a parameter, \`*\` for the rest of the path, and \`\\\\\` before a literal \`( ) [ ] ? + !\``,
    };
  }
}

/** The matcher of path-to-regexp tokens built in code (collection paths, OpenAPI templates). */
export function matchTokens(tokens: PathToRegexp.Token[]): PathMatcher {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module, bundled by esbuild
  const { match } = require('path-to-regexp') as typeof PathToRegexp;
  return match<PathParams>({ tokens }, { decode, sensitive: true });
}

/** The parameter names of a (valid) pattern, wildcards included, in order. */
export function patternParams(pattern: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an ES module, bundled by esbuild
  const { parse } = require('path-to-regexp') as typeof PathToRegexp;
  const names: string[] = [];
  const visit = (tokens: readonly PathToRegexp.Token[]): void => {
    for (const token of tokens) {
      if (token.type === 'param' || token.type === 'wildcard') names.push(token.name);
      else if (token.type === 'group') visit(token.tokens);
    }
  };
  try {
    visit(parse(pattern).tokens);
  } catch {
    // an invalid pattern is reported where it is compiled
  }
  return names;
}
