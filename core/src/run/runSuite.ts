/**
 * The runner: executes a parsed suite and reports results as data (SPEC §2.6).
 *
 * Order: `before` steps (their captures and cookies are shared by every test), the selected tests
 * in file order (each `each` row its own instance), then `after` steps — which always run, even
 * after failures or cancellation, bounded by their own timeouts.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CookieJar } from 'tough-cookie';
import { markJarUsed } from '../http/send.js';
import { Scope } from '../interpolate.js';
import type { Step, Suite, Test } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import { Redactor } from '../redact.js';
import {
  combineOutcomes,
  type RunEvent,
  type StepResult,
  type SuiteResult,
  type TestResult,
} from '../results.js';
import { explainUndefined, type HintPosition } from './hints.js';
import type { RunOptions } from './options.js';
import { runStep, skippedStep } from './runStep.js';
import { expressionHost, openScripts } from './scripts.js';
import { stepNotRun } from './skip.js';
import { runTest, type TestSetup } from './runTest.js';
import { runUse, suitePath } from './runUse.js';
import { SuiteLoader } from '../use/loader.js';
import type { RunState } from './state.js';
import { openContract } from '../openapi/load.js';

const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

export async function runSuite(doc: SuiteDocument, options: RunOptions = {}): Promise<SuiteResult> {
  const started = performance.now();
  const listener = options.onEvent;
  const emit = (event: RunEvent): void => {
    // A listener's bug must not break the run (or skip `after` steps).
    try {
      listener?.(event);
    } catch {
      /* ignored on purpose */
    }
  };
  const suite = doc.suite;
  const errors = doc.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!suite || errors.length > 0) {
    const first = errors[0];
    const line = first ? doc.lineIndex.positionAt(first.span.start) : undefined;
    const result: SuiteResult = {
      file: doc.uri,
      name: suite?.name ?? doc.uri,
      outcome: 'errored',
      durationMs: 0,
      before: [],
      tests: [],
      after: [],
      error: {
        message: first
          ? `invalid suite (${doc.uri}:${(line?.line ?? 0) + 1}:${(line?.character ?? 0) + 1}): ${first.message}`
          : 'not a suite',
        span: first?.span ?? { start: 0, end: 0 },
      },
    };
    emit({ type: 'suiteStarted', file: doc.uri, name: result.name });
    emit({ type: 'suiteFinished', result });
    return result;
  }
  emit({ type: 'suiteStarted', file: doc.uri, name: suite.name });
  const { contract, problem } = await openContract(options.openapi, options.contracts);
  if (problem !== undefined) {
    const result: SuiteResult = {
      file: doc.uri,
      name: suite.name,
      outcome: 'errored',
      durationMs: 0,
      before: [],
      tests: [],
      after: [],
      error: { message: problem, span: { start: 0, end: 0 } },
    };
    emit({ type: 'suiteFinished', result });
    return result;
  }

  const position: HintPosition = { stepIndex: 0, phase: 'before' };
  const suiteScope = new Scope(
    {
      overrides: { ...options.overrides },
      captures: { ...options.setupCaptures },
      suite: Object.fromEntries(suite.variables.map((entry) => [entry.key, entry.value])),
      environment: { ...options.environment },
    },
    options.env ?? {},
    (name) => explainUndefined(name, suite, position),
  );
  const state = await openRunState(doc, suite, suiteScope, options, emit);
  if (contract) state.contract = contract;

  const beforeJar = setupJar(options);
  const setupFailure = options.setupFailure;
  const before = setupFailure
    ? suite.before.map((step) => skippedStep(step, setupFailure))
    : await runPhase(suite.before, state, suiteScope, beforeJar, options.signal, position);
  const failedBefore = before.find((step) => step.outcome === 'failed' || step.outcome === 'errored');
  const setup: TestSetup = { suiteScope, beforeJar };
  if (setupFailure) setup.notRunReason = { outcome: 'errored', message: setupFailure };
  else if (failedBefore) {
    setup.notRunReason = {
      outcome: 'errored',
      message: `not run: \`before\` step ${failedBefore.index + 1} (${failedBefore.name}) ${failedBefore.outcome}: ${failedBefore.error?.message ?? failedBefore.expectations.find((item) => !item.passed)?.message ?? ''}`,
    };
  }

  const tests: TestResult[] = [];
  let bailed = false;
  for (const test of suite.tests) {
    if (!selected(test, options)) continue;
    const instanceSetup: TestSetup = { ...setup };
    if (!setup.notRunReason && state.cancelled())
      instanceSetup.notRunReason = { outcome: 'skipped', message: 'cancelled' };
    else if (!setup.notRunReason && bailed)
      instanceSetup.notRunReason = {
        outcome: 'skipped',
        message: 'not run: --bail stopped the run after a failure',
      };
    const results = await runTest(test, state, instanceSetup);
    tests.push(...results);
    if (options.bail && results.some((result) => result.outcome === 'failed' || result.outcome === 'errored'))
      bailed = true;
  }

  // `after` runs even when the run was cancelled: not on the user's signal, bounded by its timeouts.
  position.phase = 'after';
  const after = setupFailure
    ? suite.after.map((step) => skippedStep(step, setupFailure))
    : await runPhase(suite.after, state, suiteScope, beforeJar, undefined, position);
  const result: SuiteResult = {
    file: doc.uri,
    name: suite.name,
    outcome: combineOutcomes([
      ...tests.map((test) => test.outcome),
      ...[...before, ...after].map(phaseOutcome),
    ]),
    durationMs: performance.now() - started,
    before,
    tests,
    after,
  };
  emit({ type: 'suiteFinished', result });
  return result;
}

/** The jar `before` starts with: the cookies of the config's setup, if it received any. */
export function setupJar(options: RunOptions): CookieJar {
  if (!options.setupCookies) return new CookieJar();
  const jar = CookieJar.deserializeSync(options.setupCookies);
  markJarUsed(jar);
  return jar;
}

/** A skipped `before`/`after` step does not make a suite "skipped"; failures count. */
function phaseOutcome(step: StepResult): 'passed' | 'failed' | 'errored' | 'skipped' {
  return step.outcome === 'passed' ? 'skipped' : step.outcome;
}

export async function runPhase(
  steps: readonly Step[],
  state: RunState,
  scope: Scope,
  jar: CookieJar,
  signal: AbortSignal | undefined,
  position: HintPosition,
): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let stopReason: string | undefined;
  for (const step of steps) {
    if (stopReason === undefined && signal?.aborted) stopReason = 'cancelled';
    position.stepIndex = step.index;
    if (state.scripts) await state.scripts.sandbox.prepare();
    let result = stopReason !== undefined ? skippedStep(step, stopReason) : stepNotRun(step, scope, state);
    if (!result) {
      state.emit({ type: 'stepStarted', file: state.doc.uri, phase: step.phase, index: step.index });
      if (step.use) {
        const report = (used: StepResult): void => {
          results.push(used);
          state.emit({ type: 'stepFinished', file: state.doc.uri, result: used });
        };
        const rootFile = suitePath(state.doc.uri);
        const { failed } = await runUse(step, { state, rootFile, chain: [], scope, jar, report });
        if (stopReason === undefined && step.phase === 'before' && failed)
          stopReason = `not run: \`before\` step ${step.index + 1} ${failed.outcome}`;
        continue;
      }
      result = (await runStep(step, state, scope, jar, signal)).result;
    }
    // `after` steps are independent clean-ups: one failing does not skip the others.
    if (
      stopReason === undefined &&
      (step.phase === 'before' || step.phase === 'setup') &&
      (result.outcome === 'failed' || result.outcome === 'errored')
    ) {
      stopReason = `not run: \`${step.phase}\` step ${step.index + 1} ${result.outcome}`;
    }
    results.push(result);
    state.emit({ type: 'stepFinished', file: state.doc.uri, result });
  }
  return results;
}

function selected(test: Test, options: RunOptions): boolean {
  const filter = options.filter;
  if (!filter) return true;
  if (filter.testIds && !filter.testIds.includes(test.id)) return false;
  if (filter.instanceIds && !filter.instanceIds.some((id) => id === test.id || id.startsWith(`${test.id}[`)))
    return false;
  if (filter.untilStep && filter.untilStep.testId !== test.id) return false;
  if (filter.grep && !filter.grep.test(test.name ?? test.id) && !filter.grep.test(test.id)) return false;
  if (filter.tags && !test.tags.some((tag) => filter.tags?.includes(tag))) return false;
  if (filter.excludeTags && test.tags.some((tag) => filter.excludeTags?.includes(tag))) return false;
  return true;
}

/** The folder of a suite given as a path or a `file:` URI. */
/**
 * What every step of a suite (or of the config's setup/teardown) runs with: the sandbox when
 * anything needs it (then wired into `scope`), the redactor with the secrets known so far.
 */
export async function openRunState(
  doc: SuiteDocument,
  suite: Suite,
  scope: Scope,
  options: RunOptions,
  emit: (event: RunEvent) => void,
): Promise<RunState> {
  const suites = options.suites ?? new SuiteLoader();
  const scripts = await openScripts(doc, options, suites);
  if (scripts) scope.expressionHost = expressionHost(scripts);
  const secretNames = new Set(options.secretNames ?? []);
  const redactor = new Redactor(options.secrets ?? []);
  for (const name of secretNames) {
    try {
      redactor.add(scope.lookup(name));
    } catch {
      // Defined later (a capture) or per test: added when it appears.
    }
  }
  const baseDir = options.baseDir ?? folderOf(doc.uri);
  return {
    doc,
    suite,
    options,
    baseDir,
    matchContext: { baseDir },
    redactor,
    secretNames,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    keepAllRecords: options.keepRecords === 'all',
    suites,
    ...(scripts ? ('problem' in scripts ? { scriptsProblem: scripts.problem } : { scripts }) : {}),
    emit,
    cancelled: () => options.signal?.aborted === true,
  };
}

function folderOf(uri: string): string {
  if (uri.startsWith('file:')) return dirname(fileURLToPath(uri));
  return dirname(resolve(uri));
}
