/**
 * bluebook.config.yaml's `setup:` and `teardown:` (SPEC §7): run once per run (a CLI run, a Test
 * Explorer run) before any suite and after every suite, through the same step runner as a suite's
 * `before`/`after`. Each is reported as a pseudo-suite of the config file (`SuiteResult.phase`):
 * its steps in `before` (setup) or `after` (teardown), every `StepResult.file` the config path.
 *
 * The setup's captures go to every suite as `RunOptions.setupCaptures`; a failed setup gives the
 * reason every test errors with (`RunOptions.setupFailure`). Teardown runs every step even after
 * one fails, and after a cancellation (not on the user's signal, bounded by its timeouts).
 */
import { basename } from 'node:path';
import type { SerializedCookieJar } from 'tough-cookie';
import { jarUsed } from '../http/send.js';
import type { ProjectConfig } from '../config.js';
import { Scope } from '../interpolate.js';
import type { Suite } from '../model.js';
import { parseSuite, type SuiteDocument } from '../parse.js';
import { LineIndex } from '../span.js';
import { combineOutcomes, type RunEvent, type StepResult, type SuiteResult } from '../results.js';
import { explainUndefined, type HintPosition } from './hints.js';
import type { RunOptions } from './options.js';
import { openRunState, runPhase, setupJar } from './runSuite.js';

export type ConfigHook = 'setup' | 'teardown';

export interface HookRun {
  result: SuiteResult;
  /** What the setup's steps captured (teardown: nothing). */
  captures: Record<string, unknown>;
  /** Cookies the setup's steps received (absent when none): every suite starts with them. */
  cookies?: SerializedCookieJar;
  /** Set when a setup step failed or errored: which one and why, the reason every test errors with. */
  failure?: string;
}

/** Runs the config's `setup` or `teardown` steps (none: a passed pseudo-suite without steps). */
export async function runConfigHook(
  kind: ConfigHook,
  config: Pick<ProjectConfig, 'path' | 'setup' | 'teardown'> & Partial<Pick<ProjectConfig, 'text'>>,
  options: RunOptions,
): Promise<HookRun> {
  const started = performance.now();
  const file = config.path;
  const steps = config[kind] ?? [];
  const suite: Suite = {
    name: kind,
    variables: [],
    before: kind === 'setup' ? steps : [],
    after: kind === 'teardown' ? steps : [],
    tests: [],
    span: { start: 0, end: 0 },
  };
  // A step run through `use:` keeps the file it is written in.
  const inFile = (step: StepResult): StepResult => ({ ...step, file: step.file ?? file });
  const emit = (event: RunEvent): void => {
    try {
      options.onEvent?.(event.type === 'stepFinished' ? { ...event, result: inFile(event.result) } : event);
    } catch {
      /* a listener's bug must not stop the run (nor skip teardown) */
    }
  };
  const position: HintPosition = { stepIndex: 0, phase: kind === 'setup' ? 'before' : 'after' };
  const scope = new Scope(
    {
      overrides: { ...options.overrides },
      captures: { ...options.setupCaptures },
      environment: { ...options.environment },
    },
    options.env ?? {},
    (name) => explainUndefined(name, suite, position),
  );
  // The config's own text: `${{ }}` in these steps loads the sandbox, script errors point at its lines.
  const text = config.text ?? '';
  const doc: SuiteDocument = { ...parseSuite('', file), text, lineIndex: new LineIndex(text), suite };
  const state = await openRunState(doc, suite, scope, options, emit);
  emit({ type: 'suiteStarted', file, name: kind });
  const signal = kind === 'setup' ? options.signal : undefined;
  const jar = setupJar(options);
  const ran = (await runPhase(steps, state, scope, jar, signal, position)).map(inFile);
  const result: SuiteResult = {
    file,
    name: kind,
    phase: kind,
    outcome: ran.length === 0 ? 'passed' : combineOutcomes(ran.map((step) => step.outcome)),
    durationMs: performance.now() - started,
    before: kind === 'setup' ? ran : [],
    tests: [],
    after: kind === 'teardown' ? ran : [],
  };
  emit({ type: 'suiteFinished', result });
  const failed = ran.find((step) => step.outcome === 'failed' || step.outcome === 'errored');
  const captures = kind === 'setup' ? { ...scope.layers.captures } : {};
  return {
    result,
    captures,
    ...(kind === 'setup' && jarUsed(jar) ? { cookies: jar.serializeSync() } : {}),
    ...(kind === 'setup' && failed ? { failure: failureReason(failed, file) } : {}),
  };
}

/** What a suite of the config runs with after its setup: captures and cookies, or why it failed. */
export function setupRunOptions(
  setup: HookRun | undefined,
): Pick<RunOptions, 'setupCaptures' | 'setupCookies' | 'setupFailure'> {
  if (!setup) return {};
  if (setup.failure !== undefined) return { setupFailure: setup.failure };
  return { setupCaptures: setup.captures, ...(setup.cookies ? { setupCookies: setup.cookies } : {}) };
}

function failureReason(step: StepResult, file: string): string {
  const why = step.error?.message ?? step.expectations.find((item) => !item.passed)?.message ?? '';
  return `not run: \`setup\` step ${step.index + 1} (${step.name}) in ${basename(file)} ${step.outcome}: ${why}`;
}
