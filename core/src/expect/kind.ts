/** The contract every expectation kind file implements; the registry collects them. */
import type { Expectation, ExpectationKind } from '../model.js';
import type { ResponseView } from '../http/response.js';
import type { SnapshotRecord } from '../results.js';
import type { MatchContext } from './matcher.js';

export interface KindOutcome {
  passed: boolean;
  actual: unknown;
  message: string;
  /** Replaces the interpolated expected value in the result (e.g. a parsed duration). */
  expected?: unknown;
  /** For `snapshot`: the stored file, keys and this response's value. */
  snapshot?: SnapshotRecord;
}

export interface ExpectationDef {
  kind: ExpectationKind;
  /** One line for hover and completion. */
  doc: string;
  /** JSON Schema fragment of the value under `expect.<kind>` (per entry for `headers`/`json`). */
  schema: Record<string, unknown>;
  /** Whether entries are keyed (`headers`: header name, `json`: JSONPath). */
  keyed: boolean;
  /** `expected` is already interpolated. */
  evaluate(
    expected: unknown,
    expectation: Expectation,
    response: ResponseView,
    context: MatchContext,
  ): KindOutcome;
}
