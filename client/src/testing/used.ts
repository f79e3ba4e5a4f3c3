/**
 * The steps a `use:` step runs (SPEC §7) as the Test Explorer shows them: children of the `use`
 * step's item, created as the run reports them (the used test lives in another test, often in
 * another file). The `use` step's own item takes the worst outcome of its used steps, with their
 * messages, which stay located where the used steps are written. No `vscode` here.
 */
import { combineOutcomes, type Outcome, type Step, type StepResult } from '../../../core/src/index.js';
import type { MessageSpec } from '../results/present.js';

/** True for a `use:` step of the suite's model. */
export function isUseStep(step: Step | undefined): boolean {
  return step?.use !== undefined;
}

/**
 * Whether a result reported at a `use` step's index is one of its used steps, rather than the
 * `use` step's own result (an error before anything ran: unknown test, a cycle, a bad `with`),
 * which is located in the suite's own file on the `use` step itself.
 */
export function isUsedResult(result: StepResult, written: Step): boolean {
  return result.file !== undefined || result.methodSpan.start !== written.methodSpan.start;
}

interface UseState {
  count: number;
  outcomes: Outcome[];
  messages: MessageSpec[];
  durationMs: number;
}

/** The used steps seen so far per `use` step item id, and what its own item shows. */
export class UsedSteps {
  private readonly uses = new Map<string, UseState>();

  /** Records one used step; returns its position under the `use` step and the `use` step's state. */
  add(
    useItemId: string,
    result: StepResult,
    messages: MessageSpec[],
  ): { position: number; outcome: Outcome; messages: MessageSpec[]; durationMs: number } {
    const state = this.uses.get(useItemId) ?? { count: 0, outcomes: [], messages: [], durationMs: 0 };
    this.uses.set(useItemId, state);
    const position = state.count++;
    state.outcomes.push(result.outcome);
    state.messages.push(...messages);
    state.durationMs += result.durationMs;
    return {
      position,
      outcome: combineOutcomes(state.outcomes),
      messages: [...state.messages],
      durationMs: state.durationMs,
    };
  }
}
