/** Where a step's `expect.snapshot` is stored and how it is judged (record, update, CI). */
import type { MatchContext } from '../expect/matcher.js';
import type { Step } from '../model.js';
import { snapshotPath } from '../snapshot/file.js';
import { suitePath } from './runUse.js';
import type { RunState } from './state.js';

export function snapshotContext(step: Step, state: RunState): MatchContext {
  const options = state.options;
  return {
    ...state.matchContext,
    snapshot: {
      file: snapshotPath(suitePath(state.doc.uri)),
      test: state.instanceId ?? `(${step.phase})`,
      step: `${step.index + 1} ${step.name}`,
      mode: options.updateSnapshots ? 'update' : options.ci ? 'ci' : 'record',
      redact: (value) => state.redactor.value(value),
    },
  };
}
