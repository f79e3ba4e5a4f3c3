/** `skip` of a step or a test, interpolated in the scope it runs in (SPEC §2.2, "in any value"). */
import { resolveSkip } from '../deferred.js';
import { StepProblem } from '../http/errors.js';
import type { Scope } from '../interpolate.js';
import type { Deferred, SkipReason, Step } from '../model.js';
import type { StepResult } from '../results.js';
import { skippedStep } from './runStep.js';
import type { RunState } from './state.js';
import { decideWhen } from './when.js';

/** What a `skip` decides: run, skip (with a reason or none), or a problem reading it. */
export type SkipDecision =
  { kind: 'run' } | { kind: 'skip'; reason?: string } | { kind: 'problem'; problem: StepProblem };

export function decideSkip(
  skip: SkipReason | Deferred | undefined,
  scope: Scope,
  state: RunState,
): SkipDecision {
  if (skip === undefined) return { kind: 'run' };
  try {
    const resolved = resolveSkip(skip, scope);
    if (resolved === undefined) return { kind: 'run' };
    return typeof resolved === 'string'
      ? { kind: 'skip', reason: state.redactor.text(resolved) }
      : { kind: 'skip' };
  } catch (error) {
    if (error instanceof StepProblem) return { kind: 'problem', problem: error };
    throw error;
  }
}

/** The result of a step its `skip` or `when` keeps from running (skipped, or errored when unreadable). */
export function stepNotRun(step: Step, scope: Scope, state: RunState): StepResult | undefined {
  const skip = decideSkip(step.skip, scope, state);
  const decision = skip.kind === 'run' ? decideWhen(step.when, scope) : skip;
  if (decision.kind === 'run') return undefined;
  if (decision.kind === 'skip') return skippedStep(step, decision.reason);
  const { phase, index, span, methodSpan } = step;
  return {
    phase,
    index,
    name: state.redactor.text(step.name),
    span,
    methodSpan,
    outcome: 'errored',
    expectations: [],
    error: { message: state.redactor.text(decision.problem.message), span: decision.problem.span },
    attempts: 0,
    durationMs: 0,
  };
}
