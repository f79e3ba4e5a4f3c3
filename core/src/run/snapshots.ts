/** Where a step's `expect.snapshot` is stored and how it is judged (record, update, CI). */
import type { MatchContext } from '../expect/matcher.js';
import type { Step } from '../model.js';
import { snapshotPath, SnapshotStore } from '../snapshot/file.js';
import { suitePath } from './runUse.js';
import type { RunState } from './state.js';

const stores = new WeakMap<RunState, SnapshotStore>();

export function snapshotContext(step: Step, state: RunState): MatchContext {
  const options = state.options;
  let store = stores.get(state);
  if (!store) {
    store = new SnapshotStore();
    stores.set(state, store);
  }
  return {
    ...state.matchContext,
    snapshot: {
      file: snapshotPath(suitePath(state.doc.uri)),
      test: state.instanceId ?? `(${step.phase})`,
      step: `${step.index + 1} ${step.name}`,
      mode: options.updateSnapshots ? 'update' : options.ci ? 'ci' : 'record',
      store,
      redact: (value) => state.redactor.value(value),
    },
  };
}
