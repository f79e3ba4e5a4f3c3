/**
 * The expectation kinds and matcher operators, in one place. The runner evaluates through this
 * registry; the language server reads it for completion, hover and validation.
 */
import type { Expectation, ExpectationKind } from '../model.js';
import type { ExpectationResult } from '../results.js';
import type { ResponseView } from '../http/response.js';
import type { ExpectationDef, KindOutcome } from './kind.js';
import type { MatchContext } from './matcher.js';
import { assertion } from './kinds/assert.js';
import { body } from './kinds/body.js';
import { duration } from './kinds/duration.js';
import { headers } from './kinds/headers.js';
import { json } from './kinds/json.js';
import { schema } from './kinds/schema.js';
import { snapshot } from './kinds/snapshot.js';
import { status } from './kinds/status.js';
import { text } from './kinds/text.js';
import { xpath } from './kinds/xpath.js';
import { css } from './kinds/css.js';
import { bytes } from './kinds/bytes.js';

export { MATCHERS, findMatcher, evaluateMatcher, isMatcherObject, type MatcherOutcome } from './evaluate.js';
export type { MatcherDef, MatchContext, MatcherArgType } from './matcher.js';
export type { ExpectationDef, KindOutcome } from './kind.js';

/** Every expectation kind, in documentation order. */
export const EXPECTATIONS: readonly ExpectationDef[] = [
  status,
  headers,
  json,
  body,
  text,
  schema,
  duration,
  assertion,
  xpath,
  css,
  bytes,
  snapshot,
];

const BY_KIND = new Map<ExpectationKind, ExpectationDef>(EXPECTATIONS.map((def) => [def.kind, def]));

export function findExpectation(kind: string): ExpectationDef | undefined {
  return BY_KIND.get(kind as ExpectationKind);
}

/**
 * Evaluates one expectation whose `expected` value is already interpolated. Throws only for
 * problems that make the step unusable (an unreadable schema file).
 */
export function evaluateExpectation(
  expectation: Expectation,
  expected: unknown,
  response: ResponseView,
  context: MatchContext,
): ExpectationResult {
  const def = BY_KIND.get(expectation.kind);
  const outcome: KindOutcome = def
    ? def.evaluate(expected, expectation, response, context)
    : { passed: false, actual: undefined, message: `unknown expectation \`${expectation.kind}\`` };
  const value = outcome.expected !== undefined ? outcome.expected : expected;
  if (outcome.snapshot) return { ...resultOf(expectation, outcome, value), snapshot: outcome.snapshot };
  return resultOf(expectation, outcome, value);
}

function resultOf(expectation: Expectation, outcome: KindOutcome, value: unknown): ExpectationResult {
  // Two literals rather than a conditional spread: this runs for every expectation of a run, and
  // a spread in the middle of a literal takes V8's slow path. Key order is what reports print.
  return expectation.key !== undefined
    ? {
        kind: expectation.kind,
        key: expectation.key,
        passed: outcome.passed,
        expected: value,
        actual: outcome.actual,
        message: outcome.message,
        span: expectation.span,
      }
    : {
        kind: expectation.kind,
        passed: outcome.passed,
        expected: value,
        actual: outcome.actual,
        message: outcome.message,
        span: expectation.span,
      };
}
