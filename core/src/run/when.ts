/**
 * Conditions (SPEC §7): `when:` of a test or a step and the condition form of `retry.failWhen`,
 * interpolated in the scope the item runs in and judged by truthiness.
 */
import { StepProblem } from '../http/errors.js';
import { interpolateValue, InterpolationError, UndefinedVariableError, type Scope } from '../interpolate.js';
import type { Condition } from '../model.js';
import type { SkipDecision } from './skip.js';

/**
 * Falsy: `false`, `0`, `null` (an empty value), `""` (also only spaces) and the texts `false` (any
 * case) and `0`, since values from `--var`, `env.*` and CSV rows are text. Everything else is truthy.
 */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0) return false;
  if (typeof value === 'number') return !Number.isNaN(value);
  if (typeof value !== 'string') return true;
  const text = value.trim().toLowerCase();
  return text !== '' && text !== 'false' && text !== '0';
}

/** The condition's value; a problem (an undefined variable, …) is a `StepProblem` at the value. */
export function conditionValue(key: string, condition: Condition, scope: Scope): unknown {
  try {
    return interpolateValue(condition.value, scope);
  } catch (error) {
    if (error instanceof UndefinedVariableError || error instanceof InterpolationError)
      throw new StepProblem(`\`${key}\`: ${error.message}`, condition.span);
    // Whatever else evaluating the value throws errors the item, never the run.
    throw new StepProblem(
      `\`${key}\`: ${error instanceof Error ? error.message : String(error)}`,
      condition.span,
    );
  }
}

/** Whether `when` lets the item run: skipped with the reason `when: <as written>` when falsy. */
export function decideWhen(when: Condition | undefined, scope: Scope): SkipDecision {
  if (when === undefined) return { kind: 'run' };
  try {
    return isTruthy(conditionValue('when', when, scope))
      ? { kind: 'run' }
      : { kind: 'skip', reason: `when: ${when.text}` };
  } catch (error) {
    if (error instanceof StepProblem) return { kind: 'problem', problem: error };
    throw error;
  }
}
