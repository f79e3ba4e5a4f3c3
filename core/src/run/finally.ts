/**
 * A test's `finally:` steps (SPEC §7): run after its steps whatever they did, in the test's scope
 * (its captures visible), each on its own (one failing does not skip the next). Like `after`,
 * they run after a cancellation too, not on the user's signal, bounded by their timeouts.
 */
import type { CookieJar } from 'tough-cookie';
import type { Scope } from '../interpolate.js';
import type { Step } from '../model.js';
import type { StepResult } from '../results.js';
import type { HintPosition } from './hints.js';
import { runStep, skippedStep } from './runStep.js';
import { stepNotRun } from './skip.js';
import type { RunState } from './state.js';

export async function runFinally(
  steps: readonly Step[],
  state: RunState,
  scope: Scope,
  jar: CookieJar,
  instanceId: string,
  position: HintPosition,
): Promise<StepResult[]> {
  const file = state.doc.uri;
  const results: StepResult[] = [];
  // Every step of the test ran (or was skipped): all of its captures are what they will be.
  position.stepIndex = Infinity;
  const captured = new Map<string, Step>();
  for (const step of position.test?.steps ?? [])
    for (const capture of step.captures) if (!captured.has(capture.name)) captured.set(capture.name, step);
  for (const step of steps) {
    let result = stepNotRun(step, scope, state) ?? notCaptured(step, captured, scope, state);
    if (!result) {
      state.emit({ type: 'stepStarted', file, instanceId, phase: step.phase, index: step.index });
      result = (await runStep(step, state, scope, jar, undefined)).result;
    }
    results.push(result);
    state.emit({ type: 'stepFinished', file, instanceId, result });
  }
  return results;
}

/**
 * Cleanup of something that was never created: the step uses a capture of the test whose step did
 * not pass (so nothing was captured). Skipped with that reason rather than errored.
 */
function notCaptured(
  step: Step,
  captured: ReadonlyMap<string, Step>,
  scope: Scope,
  state: RunState,
): StepResult | undefined {
  for (const reference of state.doc.interpolations) {
    if (reference.span.start < step.span.start || reference.span.end > step.span.end) continue;
    const name = reference.root;
    const from = name === undefined ? undefined : captured.get(name);
    if (from && name !== undefined && !scope.has(name))
      return skippedStep(
        step,
        state.redactor.text(
          `not run: \`${name}\` was not captured (step ${from.index + 1}, ${from.name}, did not pass)`,
        ),
      );
  }
  return undefined;
}
