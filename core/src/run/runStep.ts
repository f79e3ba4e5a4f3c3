/**
 * One step: build the request, send it (polling when `retry` is set), evaluate every expectation,
 * take the captures. Never throws: every problem becomes the step's outcome.
 */
import type { CookieJar } from 'tough-cookie';
import { evaluateExpectation } from '../expect/registry.js';
import { SchemaFileError } from '../expect/schemas.js';
import { buildRequest, interpolateAt, type BuiltRequest } from '../http/build.js';
import { RequestFailure, StepProblem } from '../http/errors.js';
import { ResponseView } from '../http/response.js';
import { send } from '../http/send.js';
import type { Scope } from '../interpolate.js';
import type { Step } from '../model.js';
import type { ExpectationResult, StepResult } from '../results.js';
import { captureAll } from './captures.js';
import { finishStepResult, responseRecord } from './records.js';
import type { RunState } from './state.js';

export interface StepRun {
  result: StepResult;
  /** Values captured by the step (already stored in the scope). */
  captured: Record<string, unknown>;
}

export function skippedStep(step: Step, reason?: string): StepResult {
  return {
    phase: step.phase,
    index: step.index,
    name: step.name,
    outcome: 'skipped',
    durationMs: 0,
    attempts: 0,
    expectations: [],
    span: step.span,
    methodSpan: step.methodSpan,
    ...(reason !== undefined ? { skipReason: reason } : {}),
  };
}

interface Attempt {
  result: Omit<StepResult, 'durationMs' | 'attempts'>;
  captured: Record<string, unknown>;
  /** Deterministic problems (undefined variable, unreadable file, cancellation) are not retried. */
  final: boolean;
}

export async function runStep(
  step: Step,
  state: RunState,
  scope: Scope,
  jar: CookieJar,
  signal: AbortSignal | undefined,
): Promise<StepRun> {
  const started = performance.now();
  const base = {
    phase: step.phase,
    index: step.index,
    name: step.name,
    span: step.span,
    methodSpan: step.methodSpan,
  };
  const retry = step.retry;
  const maxAttempts = retry?.attempts ?? 1;
  const deadline = retry?.timeoutMs !== undefined ? started + retry.timeoutMs : Infinity;
  let attempt: Attempt | undefined;
  let attempts = 0;
  while (attempts < maxAttempts) {
    attempts++;
    attempt = await attemptOnce(step, state, scope, jar, signal, base);
    if (attempt.final || attempt.result.outcome === 'passed') break;
    if (attempts >= maxAttempts || performance.now() + (retry?.intervalMs ?? 0) > deadline) break;
    if (!(await wait(retry?.intervalMs ?? 0, signal))) break;
  }
  const finished = attempt as Attempt;
  for (const [name, value] of Object.entries(finished.captured)) {
    scope.setCapture(name, value);
    if (state.secretNames.has(name)) state.redactor.add(value);
  }
  const result = finishStepResult(
    { ...finished.result, attempts, durationMs: performance.now() - started },
    state.redactor,
  );
  return { result, captured: finished.captured };
}

async function attemptOnce(
  step: Step,
  state: RunState,
  scope: Scope,
  jar: CookieJar,
  signal: AbortSignal | undefined,
  base: Pick<StepResult, 'phase' | 'index' | 'name' | 'span' | 'methodSpan'>,
): Promise<Attempt> {
  let built: BuiltRequest | undefined;
  try {
    built = await buildRequest(step, {
      scope,
      baseUrl: state.suite.baseUrl,
      baseDir: state.baseDir,
      configDefaults: state.options.configDefaults,
      suiteDefaults: state.suite.defaults,
      defaultTimeoutMs: state.options.defaultTimeoutMs,
      maxBodyBytes: state.maxBodyBytes,
    });
    const response = await send({ ...built.outgoing, signal, jar });
    const view = new ResponseView(response);
    const expectations: ExpectationResult[] = [];
    for (const expectation of step.expectations) {
      const expected = interpolateAt(expectation.expected, scope, expectation.span);
      try {
        expectations.push(evaluateExpectation(expectation, expected, view, { baseDir: state.baseDir }));
      } catch (error) {
        if (error instanceof SchemaFileError) throw new StepProblem(error.message, expectation.span);
        throw error;
      }
    }
    const passed = expectations.every((item) => item.passed);
    const record = {
      request: { ...built.record, headers: response.requestHeaders },
      response: responseRecord(view),
      expectations,
    };
    if (!passed) return { result: { ...base, outcome: 'failed', ...record }, captured: {}, final: false };
    try {
      const captured = captureAll(step.captures, view);
      return { result: { ...base, outcome: 'passed', ...record }, captured, final: false };
    } catch (error) {
      if (!(error instanceof StepProblem)) throw error;
      return {
        result: {
          ...base,
          outcome: error.outcome,
          ...record,
          error: { message: error.message, span: error.span },
        },
        captured: {},
        final: error.outcome === 'errored',
      };
    }
  } catch (error) {
    const request = built ? { request: built.record } : {};
    if (error instanceof RequestFailure) {
      const message =
        error.kind === 'network' || error.kind === 'timeout' || error.kind === 'too-large'
          ? error.message
          : 'cancelled';
      return {
        result: {
          ...base,
          outcome: 'errored',
          ...request,
          expectations: [],
          error: { message, span: step.methodSpan },
        },
        captured: {},
        final: error.kind === 'cancelled' || error.kind === 'too-large',
      };
    }
    if (error instanceof StepProblem) {
      return {
        result: {
          ...base,
          outcome: 'errored',
          ...request,
          expectations: [],
          error: { message: error.message, span: error.span },
        },
        captured: {},
        final: true,
      };
    }
    // A bug of ours: still a located, one-line error rather than a crashed run.
    const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return {
      result: {
        ...base,
        outcome: 'errored',
        ...request,
        expectations: [],
        error: { message, span: step.methodSpan },
      },
      captured: {},
      final: true,
    };
  }
}

/** Waits between retry attempts; resolves false when cancelled. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
