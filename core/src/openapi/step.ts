/** The `openapi` expectation of a step: the run's contract applied to its response, on the method line. */
import type { BuiltRequest } from '../http/build.js';
import { interpolateAt } from '../http/build.js';
import type { ResponseView } from '../http/response.js';
import type { Scope } from '../interpolate.js';
import type { Step } from '../model.js';
import type { ExpectationResult } from '../results.js';
import type { RunState } from '../run/state.js';

export function contractExpectation(
  step: Step,
  state: RunState,
  scope: Scope,
  built: BuiltRequest,
  view: ResponseView,
): ExpectationResult | undefined {
  if (!state.contract || step.openapi === false) return undefined;
  const url = new URL(built.record.url);
  const verdict = state.contract.check(built.record.method, url, view, () => basePath(state, scope));
  if (!verdict) return undefined;
  return {
    kind: 'openapi',
    passed: verdict.passed,
    expected: verdict.status === undefined ? verdict.operation : `${verdict.operation} → ${verdict.status}`,
    actual: verdict.passed ? view.status : verdict.violations,
    message: verdict.message,
    span: step.methodSpan,
  };
}

/** The pathname of the suite's `baseUrl` (or the `baseUrl` variable), when it resolves. */
function basePath(state: RunState, scope: Scope): string | undefined {
  try {
    const entry = state.suite.baseUrl;
    const base = entry
      ? interpolateAt(entry.value, scope, entry.valueSpan)
      : scope.has('baseUrl')
        ? scope.lookup('baseUrl')
        : undefined;
    return typeof base === 'string' ? new URL(base).pathname : undefined;
  } catch {
    return undefined;
  }
}
