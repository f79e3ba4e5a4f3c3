/**
 * `retry.failWhen` (SPEC §7): after each attempt that got a response, expectations that all hold
 * (or a truthy condition) end polling at once: the step fails, saying what matched.
 */
import { evaluateExpectation } from '../expect/registry.js';
import { SchemaFileError } from '../expect/schemas.js';
import { short } from '../expect/values.js';
import { interpolateAt } from '../http/build.js';
import { StepProblem } from '../http/errors.js';
import type { ResponseView } from '../http/response.js';
import type { Scope } from '../interpolate.js';
import type { FailWhen, Step } from '../model.js';
import { RegexError } from '../regex.js';
import type { Attempt } from './runStep.js';
import { withInterpolatedKey } from './runStep.js';
import type { RunState } from './state.js';
import { conditionValue, isTruthy } from './when.js';

/** The attempt as it counts: failed and final when `failWhen` matched, errored when it could not be judged. */
export function judgeFailWhen(
  step: Step,
  attempt: Attempt,
  number: number,
  scope: Scope,
  state: RunState,
): Attempt {
  const failWhen = step.retry?.failWhen;
  if (!failWhen || !attempt.view || attempt.final) return attempt;
  try {
    const matched = whatMatched(failWhen, attempt.view, scope, state);
    if (matched === undefined) return attempt;
    const { captured: _captured, ...rest } = attempt;
    return {
      ...rest,
      outcome: 'failed',
      error: { message: `retry.failWhen matched on attempt ${number}: ${matched}`, span: failWhen.span },
      final: true,
    };
  } catch (error) {
    if (!(error instanceof StepProblem)) throw error;
    return {
      ...attempt,
      outcome: 'errored',
      error: { message: error.message, span: error.span },
      final: true,
    };
  }
}

/** What held (one line), or undefined when `failWhen` does not hold for this response. */
function whatMatched(
  failWhen: FailWhen,
  view: ResponseView,
  scope: Scope,
  state: RunState,
): string | undefined {
  if (failWhen.condition) {
    const value = conditionValue('retry.failWhen', failWhen.condition, scope);
    return isTruthy(value) ? `\`${failWhen.condition.text}\` is ${short(value)}` : undefined;
  }
  const held: string[] = [];
  for (const expectation of failWhen.expectations) {
    const expected = interpolateAt(expectation.expected, scope, expectation.span);
    try {
      const result = evaluateExpectation(
        withInterpolatedKey(expectation, scope),
        expected,
        view,
        state.matchContext,
      );
      if (!result.passed) return undefined;
      held.push(result.message);
    } catch (error) {
      if (error instanceof SchemaFileError || error instanceof RegexError)
        throw new StepProblem(error.message, expectation.span);
      throw error;
    }
  }
  return held.length > 0 ? held.join('; ') : undefined;
}
