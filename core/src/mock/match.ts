/**
 * Which route takes a request: method and path pattern first, then the route's query, header,
 * JSONPath and body matchers, evaluated like `expect` (the same matcher registry and wording).
 * First match in file order wins; the routes that came close are kept with why they missed.
 */
import { compareWith } from '../expect/subject.js';
import { partialMatch } from '../expect/partialMatch.js';
import { short } from '../expect/values.js';
import { selectJsonPath } from '../jsonpath.js';
import { REDACTED, isSensitiveHeader } from '../redact.js';
import { editDistance } from '../suggest.js';
import type { MockMatcher, MockRoute } from './model.js';
import { compilePattern, type PathMatcher } from './pattern.js';
import type { MockRequest, NearMiss } from './types.js';

export interface CompiledRoute {
  route: MockRoute;
  matchPath: PathMatcher;
  baseDir: string;
  /** The next response of the route's sequence. */
  turn: number;
}

export type Params = Record<string, string>;

export interface RouteMatch {
  route?: CompiledRoute;
  params: Params;
  /** The routes that came closest, best first (at most `MAX_MISSES`). */
  misses: NearMiss[];
}

const MAX_MISSES = 3;

/** Routes ready to match (a route whose pattern does not compile was already reported and left out). */
export function compileRoutes(routes: readonly MockRoute[], baseDir: string): CompiledRoute[] {
  return routes.flatMap((route) => {
    const compiled = compilePattern(route.pattern);
    return 'match' in compiled ? [{ route, matchPath: compiled.match, baseDir, turn: 0 }] : [];
  });
}

/** The first route that takes the request, or the near misses when none does. */
export function matchRoutes(routes: readonly CompiledRoute[], request: MockRequest): RouteMatch {
  const candidates: { miss: NearMiss; rank: number }[] = [];
  for (const compiled of routes) {
    const { route } = compiled;
    const methodOk = route.method === 'ANY' || route.method === request.method;
    const path = compiled.matchPath(request.path);
    if (methodOk && path) {
      const reasons = matcherReasons(route, request, compiled.baseDir);
      if (reasons.length === 0) return { route: compiled, params: flatParams(path.params), misses: [] };
      candidates.push({ miss: { route: where(route), reasons }, rank: 0 });
    } else if (path) {
      candidates.push({
        miss: { route: where(route), reasons: [`method: expected ${route.method}, got ${request.method}`] },
        rank: 1,
      });
    } else if (methodOk) {
      const distance = pathDistance(route.path, request.path);
      if (distance !== undefined)
        candidates.push({
          miss: { route: where(route), reasons: [`path: ${request.path} does not match ${route.path}`] },
          rank: 2 + distance,
        });
    }
  }
  return { params: {}, misses: rankMisses(candidates) };
}

/** The best of several lists of near misses (routes, then resources, then openapi). */
export function rankMisses(candidates: { miss: NearMiss; rank: number }[]): NearMiss[] {
  return candidates
    .map((candidate, index) => ({ ...candidate, index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, MAX_MISSES)
    .map((candidate) => candidate.miss);
}

function where(route: MockRoute): string {
  return `${route.label} (line ${route.line})`;
}

/** Wildcards match arrays of segments: a template reads them as the path they spell. */
function flatParams(params: Record<string, string | string[]>): Params {
  const result: Params = {};
  for (const [name, value] of Object.entries(params))
    Object.defineProperty(result, name, {
      value: Array.isArray(value) ? value.join('/') : value,
      enumerable: true,
      writable: true,
    });
  return result;
}

/** How far a request path is from a route's pattern, when close enough to be worth naming. */
function pathDistance(pattern: string, path: string): number | undefined {
  const distance = editDistance(pattern.toLowerCase(), path.toLowerCase());
  const patternSegments = pattern.split('/');
  const pathSegments = path.split('/');
  const sameShape =
    patternSegments.length === pathSegments.length &&
    patternSegments.some((segment, index) => segment !== '' && segment === pathSegments[index]);
  if (distance <= Math.max(3, Math.floor(pattern.length / 4))) return distance;
  return sameShape ? Math.min(distance, 10) : undefined;
}

function matcherReasons(route: MockRoute, request: MockRequest, baseDir: string): string[] {
  const reasons: string[] = [];
  const context = { baseDir };
  for (const matcher of route.query)
    check(reasons, `query ${matcher.key}`, matcher, request.query[matcher.key], context, false);
  for (const matcher of route.headers)
    check(
      reasons,
      `header ${matcher.key}`,
      matcher,
      request.headers[matcher.key],
      context,
      isSensitiveHeader(matcher.key),
    );
  for (const matcher of route.json) {
    const actual = request.json === undefined ? undefined : selectJsonPath(matcher.key, request.json).value;
    check(reasons, `json ${matcher.key}`, matcher, actual, context, false);
  }
  if (route.hasBody) {
    const mismatch =
      request.json === undefined
        ? { path: '$', expected: route.body, actual: undefined }
        : partialMatch(route.body, request.json, '$');
    if (mismatch)
      reasons.push(
        request.json === undefined
          ? 'body: expected a JSON request body'
          : `body ${mismatch.path}: expected ${short(mismatch.expected)}, got ${short(mismatch.actual)}`,
      );
  }
  return reasons;
}

/** A query or header value equals a scalar written in YAML when their text is the same. */
function textEqual(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((item) => textEqual(expected, item));
  return (
    actual !== undefined &&
    (typeof expected === 'object'
      ? JSON.stringify(expected) === JSON.stringify(actual)
      : String(expected) === String(actual))
  );
}

function check(
  reasons: string[],
  subject: string,
  matcher: MockMatcher,
  actual: unknown,
  context: { baseDir: string },
  sensitive: boolean,
): void {
  let outcome;
  try {
    outcome = compareWith(
      subject,
      matcher.expected,
      actual,
      context,
      subject.startsWith('json') ? undefined : textEqual,
    );
  } catch (error) {
    reasons.push(`${subject}: ${(error as Error).message}`);
    return;
  }
  if (outcome.passed) return;
  reasons.push(
    sensitive && actual !== undefined
      ? outcome.message.split(short(actual)).join(short(REDACTED))
      : outcome.message,
  );
}
