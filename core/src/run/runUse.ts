/**
 * A `use:` step (SPEC §7): the steps of another test, run in place in the using test's cookie jar.
 *
 * Inside the used steps the variables are, highest first: `with` (interpolated in the using
 * scope), `--var`, captures (the using test's so far, then the used steps' own), the used test's
 * `variables`, the used suite's `variables`, the environment. The used suite's `before`/`after`
 * and the used test's `each` and `skip` are not run. The used steps keep their own suite's
 * `baseUrl`, `defaults` and folder. Their captures reach the following steps of the using test.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CookieJar } from 'tough-cookie';
import { interpolateAt } from '../http/build.js';
import { StepProblem } from '../http/errors.js';
import { Scope } from '../interpolate.js';
import type { Step, Test } from '../model.js';
import type { SuiteDocument } from '../parse.js';
import type { StepResult } from '../results.js';
import { setOwn } from '../own.js';
import type { LoadedSuite } from '../use/loader.js';
import { parseUseReference, resolveUseFile } from '../use/reference.js';
import { cycleMessage, findUsedTest, useLabel } from '../use/target.js';
import { explainUndefined } from './hints.js';
import { runStep, skippedStep } from './runStep.js';
import { stepNotRun } from './skip.js';
import type { RunState } from './state.js';

/** The tests being used, outermost first: `file#id` keys (cycles) and their labels (messages). */
export type UseChain = readonly { key: string; label: string }[];

export interface UseContext {
  /** The state of the suite the `use` step is written in. */
  state: RunState;
  /** The suite the run started from: results of other files carry their `file`. */
  rootFile: string;
  chain: UseChain;
  scope: Scope;
  jar: CookieJar;
  /** Receives each used step's result as it finishes. */
  report(result: StepResult): void;
}

/** The first step of a chain: the running test itself. */
export function chainStart(file: string, testId: string): UseChain {
  return [{ key: `${file}#${testId}`, label: `#${testId}` }];
}

/** The path of a suite given as a path or a `file:` URI. */
export function suitePath(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : resolve(uri);
}

export interface UseOutcome {
  /** The first failed or errored result, if any. */
  failed?: StepResult;
  /** What the used steps captured (already visible in the using scope). */
  captured: Record<string, unknown>;
}

/**
 * Runs the used steps, reporting each (renamed `test-id › step`); the use step itself errors when
 * its target cannot be run.
 */
export async function runUse(step: Step, context: UseContext): Promise<UseOutcome> {
  const target = await resolveTarget(step, context);
  if ('problem' in target) return erroredUse(step, context, target.problem);
  const { test, state, file } = target;
  let withValues: Record<string, unknown>;
  try {
    withValues = withOf(step, context.scope);
  } catch (error) {
    if (!(error instanceof StepProblem)) throw error;
    return erroredUse(step, context, error.message, error.span);
  }
  for (const name in withValues) if (state.secretNames.has(name)) state.redactor.add(withValues[name]);
  const scope = usedScope(test, state, context.scope, withValues);
  const inner: UseContext = {
    state,
    rootFile: context.rootFile,
    chain: [
      ...context.chain,
      { key: `${file}#${test.id}`, label: useLabel(context.rootFile, file, test.id) },
    ],
    scope,
    jar: context.jar,
    report: (result) => context.report(asUsingStep(result, step, test)),
  };
  const ownFile = file === context.rootFile ? undefined : file;
  const outcome: UseOutcome = { captured: {} };
  const keep = (captured: Record<string, unknown>): void => {
    for (const name in captured) {
      context.scope.setCapture(name, captured[name]);
      setOwn(outcome.captured, name, captured[name]);
    }
  };
  let stopReason: string | undefined;
  for (const used of test.steps) {
    if (stopReason === undefined && state.cancelled()) stopReason = 'cancelled';
    let result = stopReason !== undefined ? skippedStep(used, stopReason) : stepNotRun(used, scope, state);
    if (!result && used.use) {
      const nested = await runUse(used, inner);
      keep(nested.captured);
      outcome.failed ??= nested.failed;
      if (nested.failed && stopReason === undefined) stopReason = notRunAfter(nested.failed);
      continue;
    }
    if (!result) {
      const run = await runStep(used, state, scope, context.jar, state.options.signal);
      result = run.result;
      keep(run.captured);
    }
    if (ownFile) result.file = ownFile;
    if (result.outcome === 'failed' || result.outcome === 'errored') {
      outcome.failed ??= result;
      stopReason ??= result.error?.message === 'cancelled' ? 'cancelled' : notRunAfter(result);
    }
    inner.report(result);
  }
  return outcome;
}

type Target = { test: Test; state: RunState; file: string } | { problem: string };

async function resolveTarget(step: Step, context: UseContext): Promise<Target> {
  const written = step.use?.target ?? '';
  const reference = parseUseReference(written);
  if ('problem' in reference) return { problem: reference.problem };
  const { state } = context;
  const from = suitePath(state.doc.uri);
  const file = resolveUseFile(from, reference);
  const loaded: LoadedSuite =
    file === from ? { doc: state.doc } : await state.suites.load(file, reference.file ?? '');
  if ('problem' in loaded) return loaded;
  const suite = loaded.doc.suite;
  if (!suite) return { problem: `\`${reference.file}\` is not a suite` };
  const found = findUsedTest(suite, reference.testId, reference.file ?? '');
  if ('problem' in found) return found;
  const key = `${file}#${found.test.id}`;
  if (context.chain.some((link) => link.key === key)) {
    return {
      problem: cycleMessage([
        ...context.chain.map((link) => link.label),
        useLabel(context.rootFile, file, found.test.id),
      ]),
    };
  }
  return { test: found.test, state: file === from ? state : usedState(state, loaded.doc, file), file };
}

/** The state the used steps run with: their own suite (baseUrl, defaults) and folder. */
function usedState(state: RunState, doc: SuiteDocument, file: string): RunState {
  const baseDir = dirname(file);
  return { ...state, doc, suite: doc.suite as RunState['suite'], baseDir, matchContext: { baseDir } };
}

/** `with:` values, interpolated in the using scope (each problem located on its entry). */
function withOf(step: Step, scope: Scope): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const entry of step.use?.with ?? [])
    setOwn(values, entry.key, interpolateAt(entry.value, scope, entry.span));
  return values;
}

function usedScope(test: Test, state: RunState, using: Scope, withValues: Record<string, unknown>): Scope {
  const entries = (list: Test['variables']): Record<string, unknown> =>
    Object.fromEntries(list.map((entry) => [entry.key, entry.value]));
  const position = { test, stepIndex: 0, phase: 'test' as const };
  const scope = new Scope(
    {
      with: withValues,
      overrides: using.layers.overrides,
      captures: { ...using.layers.captures },
      test: entries(test.variables),
      suite: entries(state.suite.variables),
      environment: using.layers.environment,
    },
    using.env,
    (name) =>
      `it is not defined for the steps of \`${test.id}\`: pass it with \`with: { ${name}: … }\` on the \`use\` step, or ${lowerFirst(explainUndefined(name, state.suite, position) ?? '')}`,
  );
  // `${{ }}` in the used steps: the run's sandbox (loaded when a used file needs it).
  scope.expressionHost = using.expressionHost;
  return scope;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A used step as a step of the using test: `test-id › name`, at the `use` step's place. */
function asUsingStep(result: StepResult, step: Step, test: Test): StepResult {
  return { ...result, phase: step.phase, index: step.index, name: `${test.id} › ${result.name}` };
}

/** The use step itself, errored: reported, and returned as the outcome's failure. */
function erroredUse(
  step: Step,
  context: UseContext,
  message: string,
  span = step.use?.targetSpan ?? step.methodSpan,
): UseOutcome {
  const { phase, index, span: stepSpan, methodSpan } = step;
  const ownFile = suitePath(context.state.doc.uri);
  const result: StepResult = {
    phase,
    index,
    name: context.state.redactor.text(step.name),
    span: stepSpan,
    methodSpan,
    outcome: 'errored',
    expectations: [],
    error: { message: context.state.redactor.text(message), span },
    attempts: 0,
    durationMs: 0,
    ...(ownFile === context.rootFile ? {} : { file: ownFile }),
  };
  context.report(result);
  return { failed: result, captured: {} };
}

function notRunAfter(result: StepResult): string {
  return `not run: ${result.name} ${result.outcome}`;
}
