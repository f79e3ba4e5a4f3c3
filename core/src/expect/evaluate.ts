/** Evaluates a matcher object (`{ gt: 0, lt: 10 }`): every operator must hold. */
import { closest } from '../suggest.js';
import type { MatchContext, MatcherDef } from './matcher.js';
import { short } from './values.js';
import { contains } from './matchers/contains.js';
import { empty } from './matchers/empty.js';
import { endsWith } from './matchers/endsWith.js';
import { eq } from './matchers/eq.js';
import { exists } from './matchers/exists.js';
import { gt } from './matchers/gt.js';
import { gte } from './matchers/gte.js';
import { length } from './matchers/length.js';
import { lt } from './matchers/lt.js';
import { lte } from './matchers/lte.js';
import { match } from './matchers/match.js';
import { ne } from './matchers/ne.js';
import { not } from './matchers/not.js';
import { oneOf } from './matchers/oneOf.js';
import { schema } from './matchers/schema.js';
import { startsWith } from './matchers/startsWith.js';
import { type } from './matchers/type.js';

/** Every matcher operator, in documentation order. Completion, hover and validation read this. */
export const MATCHERS: readonly MatcherDef[] = [
  eq,
  ne,
  gt,
  gte,
  lt,
  lte,
  match,
  contains,
  startsWith,
  endsWith,
  type,
  length,
  exists,
  oneOf,
  empty,
  schema,
  not,
];

const BY_NAME = new Map(MATCHERS.map((matcher) => [matcher.name, matcher]));

export function findMatcher(name: string): MatcherDef | undefined {
  return BY_NAME.get(name);
}

export interface MatcherOutcome {
  passed: boolean;
  /** What did not hold, joined with "and" ("greater than 0 and of type integer"); empty when passed. */
  expectation: string;
  /** Problems with the matcher itself (unknown operator, invalid argument). */
  problems: string[];
}

/** Operators that decide for themselves what an absent value means; the others fail on it. */
const ABSENT_AWARE = new Set(['exists', 'ne', 'not']);

/** Checks every operator of `matcher` against `actual` (`undefined` = absent). */
export function evaluateMatcher(
  matcher: Record<string, unknown>,
  actual: unknown,
  context: MatchContext,
): MatcherOutcome {
  const failed: string[] = [];
  const problems = matcherProblems(matcher);
  if (problems.length > 0) return { passed: false, expectation: '', problems };
  for (const name in matcher) {
    const def = BY_NAME.get(name) as MatcherDef;
    const arg = matcher[name];
    const result = def.check(actual, arg, context);
    // Absent values only satisfy `exists: false` and negative checks that say so explicitly.
    if (result !== undefined) failed.push(result);
    else if (actual === undefined && !ABSENT_AWARE.has(name)) failed.push('');
  }
  const filtered = failed.filter((item) => item !== '');
  return {
    passed: failed.length === 0,
    expectation: filtered.join(' and '),
    problems,
  };
}

/** Problems with a matcher itself: no operators, unknown operators, invalid arguments. */
export function matcherProblems(matcher: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const names = Object.keys(matcher);
  if (names.length === 0)
    problems.push('an empty matcher `{}` checks nothing; use `{ exists: true }` or a value');
  for (const name of names) {
    const def = BY_NAME.get(name);
    if (!def) {
      const suggestion = closest(name, BY_NAME.keys());
      problems.push(
        `unknown matcher \`${name}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : `; use one of ${[...BY_NAME.keys()].join(', ')}`}`,
      );
      continue;
    }
    const argProblem = def.validateArg?.(matcher[name]);
    if (argProblem) problems.push(argProblem);
  }
  return problems;
}

/** What a matcher asks for, following "a value …": "greater than 0 and less than 10". */
export function describeMatcher(matcher: Record<string, unknown>): string {
  return Object.entries(matcher)
    .map(([name, arg]) => BY_NAME.get(name)?.describe?.(arg) ?? `satisfying \`${name}: ${short(arg)}\``)
    .join(' and ');
}

/** An object in `json`, `headers`, `text`, `status` or `duration` is always a matcher. */
export function isMatcherObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
