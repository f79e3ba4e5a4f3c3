/**
 * One step: build the request, send it (polling when `retry` is set), evaluate every expectation,
 * take the captures. Never throws: every problem becomes the step's outcome.
 */
import type { CookieJar } from 'tough-cookie';
import { resolveCount, resolveDuration } from '../deferred.js';
import { evaluateExpectation } from '../expect/registry.js';
import { SchemaFileError } from '../expect/schemas.js';
import { SnapshotFileError } from '../snapshot/file.js';
import { buildRequest, interpolateAt, type BuildContext, type BuiltRequest } from '../http/build.js';
import { RequestFailure, StepProblem } from '../http/errors.js';
import { ResponseView } from '../http/response.js';
import { send } from '../http/send.js';
import {
  interpolateJsonPath,
  interpolateValue,
  InterpolationError,
  stringify,
  UndefinedVariableError,
  type Scope,
} from '../interpolate.js';
import type { Expectation, Step } from '../model.js';
import { RegexError } from '../regex.js';
import { setOwn } from '../own.js';
import { isSensitiveHeader, maskCredentialExpectation } from '../redact.js';
import type { HttpResponse } from '../http/response.js';
import type { ExpectationResult, Outcome, StepError, StepResult } from '../results.js';
import { explainAssertion } from './assertions.js';
import { captureAll } from './captures.js';
import { judgeFailWhen } from './failWhen.js';
import { scriptResponseOf } from './scripts.js';
import { runAfterScript, runBeforeScript, ScriptProblem } from './stepScripts.js';
import {
  EXCERPT_LIMIT,
  finishExpectations,
  fullRequestRecord,
  fullResponseRecord,
  PASSED_VALUE_LIMIT,
  slimRequestRecord,
  slimResponseRecord,
  stepName,
} from './records.js';
import { snapshotContext } from './snapshots.js';
import type { RunState } from './state.js';
import { explainGraphqlErrors } from '../graphql/explain.js';
import { contractExpectation } from '../openapi/step.js';

export interface StepRun {
  result: StepResult;
  /** Values captured by the step (already stored in the scope). */
  captured: Record<string, unknown>;
}

const NOTHING_CAPTURED: Readonly<Record<string, unknown>> = Object.freeze({});

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

/** One attempt's raw outcome; records are built (and redacted) once, for the attempt that counts. */
export interface Attempt {
  outcome: Outcome;
  built?: BuiltRequest;
  response?: HttpResponse;
  view?: ResponseView;
  expectations: ExpectationResult[];
  error?: StepError;
  captured?: Record<string, unknown>;
  /** What the step's scripts logged (already redacted). */
  logs?: string[];
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
  let retry: Retry;
  try {
    retry = retryOf(step, scope);
  } catch (error) {
    if (!(error instanceof StepProblem)) throw error;
    const attempt: Attempt = {
      outcome: 'errored',
      expectations: [],
      error: { message: error.message, span: error.span },
      final: true,
    };
    return { result: stepResult(step, attempt, 0, performance.now() - started, state), captured: {} };
  }
  const deadline = started + retry.timeoutMs;
  let attempts = 1;
  let attempt = judgeFailWhen(
    step,
    await attemptOnce(step, state, scope, jar, signal),
    attempts,
    scope,
    state,
  );
  while (!attempt.final && attempt.outcome !== 'passed' && attempts < retry.attempts) {
    if (performance.now() + retry.intervalMs > deadline) break;
    if (!(await wait(retry.intervalMs, signal))) break;
    attempts++;
    attempt = judgeFailWhen(step, await attemptOnce(step, state, scope, jar, signal), attempts, scope, state);
  }
  const captured = attempt.captured ?? NOTHING_CAPTURED;
  for (const name in captured) {
    scope.setCapture(name, captured[name]);
    if (state.secretNames.has(name)) state.redactor.add(captured[name]);
  }
  return { result: stepResult(step, attempt, attempts, performance.now() - started, state), captured };
}

/** A step's `retry`, interpolated: without one, a single attempt. */
interface Retry {
  attempts: number;
  intervalMs: number;
  /** Infinity when there is no overall deadline. */
  timeoutMs: number;
}

const NO_RETRY: Retry = Object.freeze({ attempts: 1, intervalMs: 0, timeoutMs: Infinity });

function retryOf(step: Step, scope: Scope): Retry {
  const retry = step.retry;
  if (!retry) return NO_RETRY;
  return {
    attempts: resolveCount('retry.attempts', retry.attempts, scope),
    intervalMs: resolveDuration('retry.interval', retry.intervalMs, scope),
    timeoutMs:
      retry.timeoutMs === undefined ? Infinity : resolveDuration('retry.timeout', retry.timeoutMs, scope),
  };
}

/**
 * The step's result, built in one go with a fixed key order (reports serialise it as is):
 * phase, index, name, span, methodSpan, outcome, request?, response?, expectations, error?,
 * attempts, durationMs, recordsOmitted?.
 */
function stepResult(
  step: Step,
  attempt: Attempt,
  attempts: number,
  durationMs: number,
  state: RunState,
): StepResult {
  const result = stepRecord(step, attempt, attempts, durationMs, state);
  if (attempt.logs) result.logs = attempt.logs;
  return result;
}

function stepRecord(
  step: Step,
  attempt: Attempt,
  attempts: number,
  durationMs: number,
  state: RunState,
): StepResult {
  const { redactor } = state;
  // Full records only where someone will read them (keepRecords): flat memory over long runs.
  const full = state.keepAllRecords || attempt.outcome !== 'passed';
  const { built, view, error } = attempt;
  const request = built
    ? full
      ? fullRequestRecord(built.record, attempt.response?.requestHeaders, redactor)
      : slimRequestRecord(built.record, redactor)
    : undefined;
  const response = view ? (full ? fullResponseRecord(view, redactor) : slimResponseRecord(view)) : undefined;
  const expectations = finishExpectations(
    attempt.expectations,
    redactor,
    full ? EXCERPT_LIMIT : PASSED_VALUE_LIMIT,
  );
  const name = stepName(step, request, redactor);
  const { phase, index, span, methodSpan } = step;
  const outcome = attempt.outcome;

  // The common shapes as whole literals: V8 then gives every result of a run one compact layout.
  if (request && response && !error) {
    return full
      ? {
          phase,
          index,
          name,
          span,
          methodSpan,
          outcome,
          request,
          response,
          expectations,
          attempts,
          durationMs,
        }
      : {
          phase,
          index,
          name,
          span,
          methodSpan,
          outcome,
          request,
          response,
          expectations,
          attempts,
          durationMs,
          recordsOmitted: true,
        };
  }
  const result = { phase, index, name, span, methodSpan, outcome } as StepResult;
  if (request) result.request = request;
  if (response) result.response = response;
  result.expectations = expectations;
  if (error) result.error = { message: redactor.text(error.message), span: error.span };
  result.attempts = attempts;
  result.durationMs = durationMs;
  if (!full && (request || response)) result.recordsOmitted = true;
  return result;
}

async function attemptOnce(
  step: Step,
  state: RunState,
  scope: Scope,
  jar: CookieJar,
  signal: AbortSignal | undefined,
): Promise<Attempt> {
  if (state.scripts) await state.scripts.sandbox.prepare();
  const logs: string[] = [];
  try {
    const attempt = await sendAndJudge(step, state, scope, jar, signal, logs);
    return logs.length > 0 ? { ...attempt, logs } : attempt;
  } finally {
    scope.response = undefined;
  }
}

async function sendAndJudge(
  step: Step,
  state: RunState,
  scope: Scope,
  jar: CookieJar,
  signal: AbortSignal | undefined,
  logs: string[],
): Promise<Attempt> {
  let built: BuiltRequest | undefined;
  let response: HttpResponse | undefined;
  let view: ResponseView | undefined;
  const expectations: ExpectationResult[] = [];
  try {
    const building = buildRequest(step, scope, buildContextOf(state));
    built = building instanceof Promise ? await building : building;
    logs.push(...runBeforeScript(step, built, scope, state));
    response = await send(built.outgoing, signal, jar);
    view = new ResponseView(response);
    if (state.scripts) scope.response = scriptResponseOf(view);
    const script = runAfterScript(step, view, scope, state);
    logs.push(...script.logs);
    for (const expectation of step.expectations) {
      const expected = interpolateAt(expectation.expected, scope, expectation.span);
      const keyed = withInterpolatedKey(expectation, scope);
      try {
        const context = keyed.kind === 'snapshot' ? snapshotContext(step, state) : state.matchContext;
        const result = evaluateExpectation(keyed, expected, view, context);
        if (keyed.kind === 'headers' && keyed.key !== undefined && isSensitiveHeader(keyed.key))
          maskCredentialExpectation(result, expectation.expected);
        if (keyed.kind === 'assert' && !result.passed) explainAssertion(result, expectation, scope);
        expectations.push(result);
      } catch (error) {
        if (
          error instanceof SchemaFileError ||
          error instanceof RegexError ||
          error instanceof SnapshotFileError
        )
          throw new StepProblem(error.message, expectation.span);
        throw error;
      }
    }
    expectations.push(...script.checks);
    const contract = contractExpectation(step, state, scope, built, view);
    if (contract) expectations.push(contract);
    if (step.body?.kind === 'graphql') explainGraphqlErrors(expectations, view);
    for (const item of expectations)
      if (!item.passed) return { outcome: 'failed', built, response, view, expectations, final: false };
    try {
      const captured = captureAll(step.captures, view, scope);
      for (const name in script.vars) setOwn(captured, name, script.vars[name]);
      return { outcome: 'passed', built, response, view, expectations, captured, final: false };
    } catch (error) {
      if (!(error instanceof StepProblem)) throw error;
      // A capture problem keeps the response and expectations it was judged on.
      return {
        outcome: error.outcome,
        built,
        response,
        view,
        expectations,
        error: { message: error.message, span: error.span },
        final: error.outcome === 'errored',
      };
    }
  } catch (error) {
    if (error instanceof RequestFailure) {
      const message = error.kind === 'cancelled' ? 'cancelled' : error.message;
      return {
        outcome: 'errored',
        built,
        expectations: [],
        error: { message, span: step.methodSpan },
        final: error.kind === 'cancelled' || error.kind === 'too-large',
      };
    }
    if (error instanceof StepProblem) {
      if (error instanceof ScriptProblem) logs.push(...error.logs);
      return {
        outcome: 'errored',
        built,
        expectations: [],
        error: { message: error.message, span: error.span },
        final: true,
      };
    }
    // A bug of ours: still a located, one-line error rather than a crashed run.
    const message = `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return {
      outcome: 'errored',
      built,
      expectations: [],
      error: { message, span: step.methodSpan },
      final: true,
    };
  }
}

const buildContexts = new WeakMap<RunState, BuildContext>();

/** What every request of the run shares, made once per run. */
function buildContextOf(state: RunState): BuildContext {
  let context = buildContexts.get(state);
  if (!context) {
    context = {
      baseUrl: state.suite.baseUrl,
      baseDir: state.baseDir,
      configDefaults: state.options.configDefaults,
      suiteDefaults: state.suite.defaults,
      defaultTimeoutMs: state.options.defaultTimeoutMs,
      maxBodyBytes: state.maxBodyBytes,
    };
    buildContexts.set(state, context);
  }
  return context;
}

/**
 * The expectation with its key interpolated: a JSONPath gets each value as a JSONPath literal
 * before it is compiled, a header name the value's text. Problems point at the key.
 */
export function withInterpolatedKey(expectation: Expectation, scope: Scope): Expectation {
  const key = expectation.key;
  if (key === undefined || !key.includes('${')) return expectation;
  const span = expectation.keySpan ?? expectation.span;
  try {
    const interpolated =
      expectation.kind === 'json' ? interpolateJsonPath(key, scope) : stringify(interpolateValue(key, scope));
    return { ...expectation, key: interpolated };
  } catch (error) {
    if (error instanceof UndefinedVariableError || error instanceof InterpolationError)
      throw new StepProblem(error.message, span);
    throw error;
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
