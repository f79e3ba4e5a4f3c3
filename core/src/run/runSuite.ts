/**
 * The runner: executes a parsed suite and reports results as data.
 *
 * Foundation slice: GET/POST (any method) with `expect.status`, simple `${name}` variables.
 * The engine issue deepens this file's collaborators (requests, expectations, captures…).
 */
import { request } from 'undici';
import type { SuiteDocument } from '../parse.js';
import type { Expectation, Step, Test } from '../model.js';
import {
  combineOutcomes,
  type ExpectationResult,
  type Outcome,
  type StepResult,
  type SuiteResult,
  type TestResult,
} from '../results.js';
import type { RunOptions } from './options.js';

const DEFAULT_TIMEOUT_MS = 30_000;

export async function runSuite(doc: SuiteDocument, options: RunOptions = {}): Promise<SuiteResult> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const suite = doc.suite;
  const errors = doc.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!suite || errors.length > 0) {
    const first = errors[0];
    return {
      file: doc.uri,
      name: suite?.name ?? doc.uri,
      outcome: 'errored',
      durationMs: 0,
      before: [],
      tests: [],
      after: [],
      error: { message: first?.message ?? 'not a suite', span: first?.span ?? { start: 0, end: 0 } },
    };
  }
  emit({ type: 'suiteStarted', file: doc.uri, name: suite.name });
  const variables: Record<string, unknown> = { ...options.environment };
  for (const entry of suite.variables) variables[entry.key] = entry.value;
  Object.assign(variables, options.overrides);

  const tests: TestResult[] = [];
  for (const test of suite.tests) {
    if (!selected(test, options)) continue;
    const result = await runTest(doc, test, variables, options);
    tests.push(result);
  }
  const result: SuiteResult = {
    file: doc.uri,
    name: suite.name,
    outcome: combineOutcomes(tests.map((test) => test.outcome)),
    durationMs: performance.now() - started,
    before: [],
    tests,
    after: [],
  };
  emit({ type: 'suiteFinished', result });
  return result;
}

function selected(test: Test, options: RunOptions): boolean {
  const filter = options.filter;
  if (!filter) return true;
  if (filter.testIds && !filter.testIds.includes(test.id)) return false;
  if (filter.instanceIds && !filter.instanceIds.includes(test.id)) return false;
  if (filter.untilStep && filter.untilStep.testId !== test.id) return false;
  if (filter.grep && !filter.grep.test(test.name ?? test.id) && !filter.grep.test(test.id)) return false;
  if (filter.tags && !test.tags.some((tag) => filter.tags?.includes(tag))) return false;
  return true;
}

async function runTest(
  doc: SuiteDocument,
  test: Test,
  variables: Record<string, unknown>,
  options: RunOptions,
): Promise<TestResult> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const name = test.name ?? test.id;
  emit({ type: 'testStarted', file: doc.uri, testId: test.id, instanceId: test.id, name });
  const steps: StepResult[] = [];
  let stop = test.skip !== undefined;
  const lastStep = options.filter?.untilStep?.stepIndex ?? Infinity;
  for (const step of test.steps) {
    let result: StepResult;
    if (stop || step.index > lastStep || step.skip !== undefined) {
      result = skippedStep(step, test.skip ?? step.skip);
    } else {
      emit({ type: 'stepStarted', file: doc.uri, instanceId: test.id, phase: step.phase, index: step.index });
      result = await runStep(step, variables, options);
      if (result.outcome === 'failed' || result.outcome === 'errored') stop = true;
    }
    steps.push(result);
    emit({ type: 'stepFinished', file: doc.uri, instanceId: test.id, result });
  }
  const outcome: Outcome = test.skip !== undefined ? 'skipped' : combineOutcomes(steps.map((step) => step.outcome));
  const result: TestResult = {
    testId: test.id,
    instanceId: test.id,
    name,
    outcome,
    durationMs: performance.now() - started,
    steps,
    span: test.span,
    ...(typeof test.skip === 'string' ? { skipReason: test.skip } : {}),
  };
  emit({ type: 'testFinished', file: doc.uri, result });
  return result;
}

function skippedStep(step: Step, reason: true | string | undefined): StepResult {
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
    ...(typeof reason === 'string' ? { skipReason: reason } : {}),
  };
}

function interpolate(value: unknown, variables: Record<string, unknown>): unknown {
  if (typeof value !== 'string') return value;
  const whole = /^\$\{\s*([A-Za-z_][\w-]*)\s*\}$/.exec(value);
  if (whole) {
    if (!(whole[1] in variables)) throw new Error(`variable \`${whole[1]}\` is not defined`);
    return variables[whole[1]];
  }
  return value.replace(/\$\{\s*([A-Za-z_][\w-]*)\s*\}/g, (_, name: string) => {
    if (!(name in variables)) throw new Error(`variable \`${name}\` is not defined`);
    return String(variables[name]);
  });
}

async function runStep(step: Step, variables: Record<string, unknown>, options: RunOptions): Promise<StepResult> {
  const started = performance.now();
  const base = { phase: step.phase, index: step.index, name: step.name, attempts: 1, span: step.span, methodSpan: step.methodSpan };
  try {
    const url = String(interpolate(step.url, variables));
    const headers: Record<string, string> = {};
    for (const header of step.headers) headers[header.key.toLowerCase()] = String(interpolate(header.value, variables));
    let body: string | undefined;
    if (step.body?.kind === 'json') {
      body = JSON.stringify(step.body.value);
      headers['content-type'] ??= 'application/json';
    }
    const signal = AbortSignal.any([
      ...(options.signal ? [options.signal] : []),
      AbortSignal.timeout(step.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS),
    ]);
    const response = await request(url, { method: step.method, headers, body, signal });
    const text = await response.body.text();
    const durationMs = performance.now() - started;
    const expectations = step.expectations.map((expectation) => checkStatus(expectation, response.statusCode));
    return {
      ...base,
      outcome: expectations.every((result) => result.passed) ? 'passed' : 'failed',
      durationMs,
      request: { method: step.method, url, headers, ...(body !== undefined ? { body } : {}) },
      response: {
        status: response.statusCode,
        statusText: '',
        headers: Object.fromEntries(Object.entries(response.headers).map(([key, value]) => [key, String(value)])),
        body: text.slice(0, 64 * 1024),
        bodyTruncated: text.length > 64 * 1024,
        size: Buffer.byteLength(text),
      },
      expectations,
    };
  } catch (error) {
    return {
      ...base,
      outcome: 'errored',
      durationMs: performance.now() - started,
      expectations: [],
      error: { message: error instanceof Error ? error.message : String(error), span: step.methodSpan },
    };
  }
}

function checkStatus(expectation: Expectation, status: number): ExpectationResult {
  const passed = expectation.expected === status;
  return {
    kind: expectation.kind,
    passed,
    expected: expectation.expected,
    actual: status,
    message: passed ? `status is ${status}` : `expected status ${String(expectation.expected)}, got ${status}`,
    span: expectation.span,
  };
}
