/**
 * Failed snapshots as the editor offers them for "Accept new snapshot": their text in a diff, the
 * context value that puts the action on their test message, and the ones at a place in a suite
 * (the code action on the `snapshot:` line). Plain data, no `vscode`.
 */
import { stringify } from 'yaml';
import { sortKeys } from '../../../core/src/format.js';
import type { ExpectationResult, SnapshotRecord } from '../../../core/src/index.js';
import type { StepRecord } from '../results/store.js';

/** `TestMessage.contextValue` of a failed snapshot (package.json's `testing/message/*` menus). */
export const SNAPSHOT_MESSAGE = 'bluebook.snapshot';

/** A stored or new `{ status, body }` as YAML, sorted keys as in the `.snap.yaml` file ('' for none). */
export function snapshotText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return stringify(sortKeys(value), { lineWidth: 0 });
}

export interface FailedSnapshot {
  snapshot: SnapshotRecord;
  /** The record's step name, for the action's title. */
  stepName: string;
}

/** The failed snapshot expectations whose entry overlaps `[start, end]` (offsets), one per test › step. */
export function failedSnapshotsAt(
  records: readonly StepRecord[],
  start: number,
  end: number,
): FailedSnapshot[] {
  const found = new Map<string, FailedSnapshot>();
  for (const record of records) {
    record.result.expectations.forEach((expectation, index) => {
      const span = record.expectationSpans[index];
      if (!span || !isFailedSnapshot(expectation) || span.start > end || span.end < start) return;
      const { snapshot } = expectation;
      found.set(`${snapshot.file}\n${snapshot.test}\n${snapshot.step}`, {
        snapshot,
        stepName: record.result.name,
      });
    });
  }
  return [...found.values()];
}

function isFailedSnapshot(
  expectation: ExpectationResult,
): expectation is ExpectationResult & { snapshot: SnapshotRecord } {
  return !expectation.passed && expectation.snapshot !== undefined;
}
