/** One test: expands `each` rows into instances and runs each instance's steps in order. */
import { CookieJar } from 'tough-cookie';
import { StepProblem } from '../http/errors.js';
import { jarUsed, markJarUsed } from '../http/send.js';
import { interpolateValue, stringify, type Scope } from '../interpolate.js';
import type { Test } from '../model.js';
import { combineOutcomes, type StepResult, type TestResult } from '../results.js';
import { loadRows, type Row } from './each.js';
import { explainUndefined, type HintPosition } from './hints.js';
import { runStep, skippedStep } from './runStep.js';
import { chainStart, runUse, suitePath } from './runUse.js';
import { decideSkip, stepNotRun } from './skip.js';
import type { RunState } from './state.js';
import { runFinally } from './finally.js';
import { decideWhen } from './when.js';

export interface TestSetup {
  suiteScope: Scope;
  /** Cookies set by `before` steps, copied into each instance's own jar. */
  beforeJar: CookieJar;
  /** Why no test can run (a `before` step failed, the run was cancelled or bailed). */
  notRunReason?: { message: string; outcome: 'errored' | 'skipped' };
}

/** Runs every selected instance of a test, emitting events; returns their results in row order. */
export async function runTest(test: Test, state: RunState, setup: TestSetup): Promise<TestResult[]> {
  let rows: (Row | undefined)[] = [undefined];
  if (test.each) {
    try {
      rows = await loadRows(test.each, state.baseDir);
    } catch (error) {
      const problem = error instanceof StepProblem ? error : new StepProblem(String(error), test.each.span);
      return [
        emitWhole(test, test.id, test.name ?? test.id, undefined, state, {
          outcome: 'errored',
          message: problem.message,
          span: problem.span,
        }),
      ];
    }
  }
  const results: TestResult[] = [];
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const row = rows[rowIndex];
    const instanceId = row === undefined ? test.id : `${test.id}[${rowIndex}]`;
    if (!instanceSelected(test, instanceId, state)) continue;
    state.instanceId = instanceId;
    results.push(
      await runInstance(test, row, row === undefined ? undefined : rowIndex, instanceId, state, setup),
    );
    state.instanceId = undefined;
  }
  return results;
}

function instanceSelected(test: Test, instanceId: string, state: RunState): boolean {
  const ids = state.options.filter?.instanceIds;
  return !ids || ids.includes(test.id) || ids.includes(instanceId);
}

function displayName(test: Test, row: Row | undefined, scope: Scope): string {
  const name = test.name ?? test.id;
  if (row === undefined) return name;
  if (test.name?.includes('${')) {
    try {
      return stringify(interpolateValue(test.name, scope));
    } catch {
      return name;
    }
  }
  return `${name} [${Object.values(row).map(stringify).join(', ')}]`;
}

async function runInstance(
  test: Test,
  row: Row | undefined,
  rowIndex: number | undefined,
  instanceId: string,
  state: RunState,
  setup: TestSetup,
): Promise<TestResult> {
  const started = performance.now();
  if (state.scripts) await state.scripts.sandbox.prepare();
  const position: HintPosition = { test, stepIndex: 0, phase: 'test' };
  const variables = Object.fromEntries(test.variables.map((entry) => [entry.key, entry.value]));
  const scope = setup.suiteScope.extend({ ...(row ? { row } : {}), test: variables }, (name) =>
    explainUndefined(name, state.suite, position),
  );
  for (const name of state.secretNames) {
    try {
      state.redactor.add(scope.lookup(name));
    } catch {
      // Not defined for this test: nothing to redact.
    }
  }
  const name = state.redactor.text(displayName(test, row, scope));
  const file = state.doc.uri;
  state.emit({ type: 'testStarted', file, testId: test.id, instanceId, name });
  const steps: StepResult[] = [];
  const skipped = decideSkip(test.skip, scope, state);
  const skip = skipped.kind === 'run' ? decideWhen(test.when, scope) : skipped;
  const skipReason = skip.kind === 'skip' ? (skip.reason ?? 'skipped') : undefined;
  // A `skip` that cannot be read errors the instance, unless `before` already explains why it cannot run.
  const skipError =
    skip.kind === 'problem' && !setup.notRunReason
      ? { message: state.redactor.text(skip.problem.message), span: skip.problem.span }
      : undefined;
  let stopReason: string | undefined =
    skipReason ?? (skipError ? `not run: ${skipError.message}` : setup.notRunReason?.message);
  const until = state.options.filter?.untilStep;
  const lastStep = until && until.testId === test.id ? until.stepIndex : Infinity;
  const jar = jarUsed(setup.beforeJar) ? await setup.beforeJar.clone() : new CookieJar();
  if (jarUsed(setup.beforeJar)) markJarUsed(jar);
  for (const step of test.steps) {
    if (stopReason === undefined && state.cancelled()) stopReason = 'cancelled';
    position.stepIndex = step.index;
    if (state.scripts) await state.scripts.sandbox.prepare();
    let result =
      stopReason !== undefined
        ? skippedStep(step, stopReason)
        : step.index > lastStep
          ? skippedStep(step, 'not run: only the steps up to the selected one run')
          : stepNotRun(step, scope, state);
    if (!result) {
      state.emit({ type: 'stepStarted', file, instanceId, phase: step.phase, index: step.index });
      if (step.use) {
        const report = (used: StepResult): void => {
          steps.push(used);
          state.emit({ type: 'stepFinished', file, instanceId, result: used });
        };
        const rootFile = suitePath(file);
        const chain = chainStart(rootFile, test.id);
        const { failed } = await runUse(step, { state, rootFile, chain, scope, jar, report });
        if (stopReason === undefined && failed) stopReason = notRunReason(step, failed);
        continue;
      }
      result = (await runStep(step, state, scope, jar, state.options.signal)).result;
    }
    if (stopReason === undefined && (result.outcome === 'failed' || result.outcome === 'errored')) {
      stopReason = notRunReason(step, result);
    }
    steps.push(result);
    state.emit({ type: 'stepFinished', file, instanceId, result });
  }
  if (skipReason === undefined && !skipError && !setup.notRunReason && test.finally)
    steps.push(...(await runFinally(test.finally, state, scope, jar, instanceId, position)));
  let outcome =
    skipReason !== undefined
      ? 'skipped'
      : skipError
        ? 'errored'
        : combineOutcomes(steps.map((step) => step.outcome));
  if (setup.notRunReason && skipReason === undefined) outcome = setup.notRunReason.outcome;
  const result: TestResult = {
    testId: test.id,
    instanceId,
    name,
    ...(rowIndex !== undefined ? { rowIndex } : {}),
    outcome,
    durationMs: performance.now() - started,
    steps,
    span: test.span,
    ...(setup.notRunReason && skipReason === undefined ? notRunFields(setup.notRunReason, test) : {}),
    ...(skipError ? { error: skipError } : {}),
    ...(skip.kind === 'skip' && skip.reason !== undefined ? { skipReason: skip.reason } : {}),
  };
  state.emit({ type: 'testFinished', file, result });
  return result;
}

function notRunReason(step: Test['steps'][number], result: StepResult): string {
  return result.error?.message === 'cancelled'
    ? 'cancelled'
    : `not run: step ${step.index + 1} ${result.outcome}`;
}

function notRunFields(
  reason: { message: string; outcome: 'errored' | 'skipped' },
  test: Test,
): Partial<TestResult> {
  return reason.outcome === 'errored'
    ? { error: { message: reason.message, span: test.idSpan } }
    : { skipReason: reason.message };
}

/** A test that could not start at all (unreadable `each` file). */
function emitWhole(
  test: Test,
  instanceId: string,
  name: string,
  rowIndex: number | undefined,
  state: RunState,
  problem: { outcome: 'errored'; message: string; span: TestResult['span'] },
): TestResult {
  const file = state.doc.uri;
  state.emit({ type: 'testStarted', file, testId: test.id, instanceId, name });
  const steps = test.steps.map((step) => skippedStep(step, `not run: ${problem.message}`));
  for (const result of steps) state.emit({ type: 'stepFinished', file, instanceId, result });
  const result: TestResult = {
    testId: test.id,
    instanceId,
    name,
    ...(rowIndex !== undefined ? { rowIndex } : {}),
    outcome: problem.outcome,
    durationMs: 0,
    steps,
    error: { message: state.redactor.text(problem.message), span: problem.span },
    span: test.span,
  };
  state.emit({ type: 'testFinished', file, result });
  return result;
}
