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
import { runStep } from './runStep.js';
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
  for (const step of steps) {
    let result = stepNotRun(step, scope, state);
    if (!result) {
      state.emit({ type: 'stepStarted', file, instanceId, phase: step.phase, index: step.index });
      result = (await runStep(step, state, scope, jar, undefined)).result;
    }
    results.push(result);
    state.emit({ type: 'stepFinished', file, instanceId, result });
  }
  return results;
}
