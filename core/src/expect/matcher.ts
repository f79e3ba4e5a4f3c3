/** The contract every matcher operator file implements; the registry collects them. */
import type { SnapshotStore } from '../snapshot/file.js';

/** What a matcher may need beyond the value: the suite's folder (for schema files). */
export interface MatchContext {
  baseDir: string;
  /** Where an `expect.snapshot` of this step is stored, and whether to record/update/fail. */
  snapshot?: SnapshotTarget;
}

export interface SnapshotTarget {
  /** The `.snap.yaml` file. */
  file: string;
  /** The test instance (`id`, `id[2]`), or `(before)`/`(after)` for suite steps. */
  test: string;
  /** The step: its number and name (`1 GET /users/1`). */
  step: string;
  /** `record`: store a missing snapshot; `update`: rewrite it; `ci`: a missing one fails. */
  mode: 'record' | 'update' | 'ci';
  /** Reads and writes the run's snapshot files. */
  store: SnapshotStore;
  /** Replaces secrets in the value before it is stored or compared. */
  redact(value: unknown): unknown;
}

export type MatcherArgType =
  'any' | 'number' | 'string' | 'regex' | 'boolean' | 'type' | 'list' | 'length' | 'schema' | 'matcher';

export interface MatcherDef {
  /** The operator key, as written in a suite (`gt`). */
  name: string;
  /** One line for hover and completion. */
  doc: string;
  /** What the argument must be, for validation and completion. */
  argType: MatcherArgType;
  /** JSON Schema fragment of the argument (the suite schema and the validator read it). */
  schema: Record<string, unknown>;
  /**
   * What the operator asks for, phrased to follow "a value …" ("containing \"x\"", "greater than
   * 0"); `not` reads it to say what must not hold. Without it: "satisfying `name: arg`".
   */
  describe?(arg: unknown): string;
  /** A problem with the argument itself (not the value), e.g. an invalid regex. */
  validateArg?(arg: unknown): string | undefined;
  /**
   * Checks `actual` (`undefined` = absent). Returns `undefined` when it holds, otherwise what was
   * expected, phrased to follow "expected X to be …" ("greater than 0").
   */
  check(actual: unknown, arg: unknown, context: MatchContext): string | undefined;
}
