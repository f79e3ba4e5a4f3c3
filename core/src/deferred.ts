/**
 * Values written with `${...}` where a boolean, a number or a duration is expected (`skip`,
 * `timeout`, `followRedirects`, `retry.*`): interpolated when the test or step runs, keeping the
 * value's type, then checked as the parser checks a literal. A problem is a `StepProblem` at the
 * value that names the key and what the value turned out to be.
 */
import { parseDuration } from './duration.js';
import { short } from './expect/values.js';
import { StepProblem } from './http/errors.js';
import { interpolateValue, InterpolationError, UndefinedVariableError, type Scope } from './interpolate.js';
import { isDeferred, type Deferred, type SkipReason } from './model.js';

function interpolated(key: string, deferred: Deferred, scope: Scope): unknown {
  try {
    return interpolateValue(deferred.template, scope);
  } catch (error) {
    if (error instanceof UndefinedVariableError || error instanceof InterpolationError)
      throw new StepProblem(`\`${key}\`: ${error.message}`, deferred.span);
    throw error;
  }
}

function wrong(key: string, needs: string, deferred: Deferred, value: unknown): StepProblem {
  return new StepProblem(
    `\`${key}\` must be ${needs}; \`${deferred.template}\` is ${short(value)}`,
    deferred.span,
  );
}

/** `true`/`false`, also as text in any case (values from `--var`, `env.*` and CSV rows are text). */
function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/**
 * Whether to skip, and why: `true` (no reason), a reason, or `undefined` to run. An interpolated
 * `true`/`"true"` skips, `false`/`"false"`/`null`/`""` runs, any other text is the reason.
 */
export function resolveSkip(skip: SkipReason | Deferred | undefined, scope: Scope): SkipReason | undefined {
  if (!isDeferred(skip)) return skip;
  const value = interpolated('skip', skip, scope);
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))
    return undefined;
  const flag = asBoolean(value);
  if (flag !== undefined) return flag ? true : undefined;
  if (typeof value === 'string') return value;
  throw wrong('skip', '`true`, `false` or a reason (a string)', skip, value);
}

export function resolveBoolean(key: string, value: boolean | Deferred, scope: Scope): boolean {
  if (!isDeferred(value)) return value;
  const result = interpolated(key, value, scope);
  const flag = asBoolean(result);
  if (flag === undefined) throw wrong(key, '`true` or `false`', value, result);
  return flag;
}

/** Milliseconds. */
export function resolveDuration(key: string, value: number | Deferred, scope: Scope): number {
  if (!isDeferred(value)) return value;
  const result = interpolated(key, value, scope);
  const ms = parseDuration(result);
  if (ms === undefined)
    throw wrong(
      key,
      'a duration: milliseconds (`500`) or a number with a unit (`250ms`, `5s`, `1m`)',
      value,
      result,
    );
  return ms;
}

/** A whole number of at least 1 (a numeric string too). */
export function resolveCount(key: string, value: number | Deferred, scope: Scope): number {
  if (!isDeferred(value)) return value;
  const result = interpolated(key, value, scope);
  const count = typeof result === 'string' && /^\s*\d+\s*$/.test(result) ? Number(result) : result;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
    throw wrong(key, 'a whole number of at least 1', value, result);
  return count;
}
