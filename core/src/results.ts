import type { ExpectationKind, StepPhase } from './model.js';
import type { Span } from './span.js';

/**
 * Results are plain data (JSON-serialisable): the CLI renders them as excerpts with a caret, the
 * extension as `TestMessage`s, the reporters as JUnit/JSON/TAP. All values that came from a
 * response or a variable are already redacted when they reach a result.
 */
export type Outcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface ExpectationResult {
  /** `openapi`: the contract check of the config's OpenAPI document (on the method line). */
  kind: ExpectationKind | 'openapi';
  /** Header name or JSONPath, for `headers` and `json`. */
  key?: string;
  passed: boolean;
  /** The expected value after interpolation (a value, or the matcher object). */
  expected: unknown;
  /** What the response held; `undefined` means absent. */
  actual: unknown;
  /** One line: what did not hold (or what held). */
  message: string;
  /** The expectation's entry in the suite text. */
  span: Span;
  /** For `snapshot`: where it is stored and the value this response would store. */
  snapshot?: SnapshotRecord;
}

export interface SnapshotRecord {
  /** The `.snap.yaml` file (absolute path). */
  file: string;
  /** Test instance and step keys inside the file. */
  test: string;
  step: string;
  /** `{ status, body }` of this response, ignored paths replaced: what "accept" would write. */
  value: unknown;
  /** `recorded`: it was missing and is now stored; `updated`: rewritten by `-u`. */
  note?: 'recorded' | 'updated';
}

export interface RequestRecord {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as sent (text; binary parts summarised), redacted. */
  body?: string;
}

export interface ResponseRecord {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** The body as text, cut to a bounded excerpt for reports; `bodyTruncated` says when. */
  body: string;
  bodyTruncated: boolean;
  /** Size of the whole body in bytes. */
  size: number;
  /** Response time in whole milliseconds: what `duration:` judges and the step line shows. */
  durationMs?: number;
}

export interface StepError {
  message: string;
  /** Where the problem is: the method key by default, or the offending value. */
  span: Span;
}

export interface StepResult {
  phase: StepPhase;
  index: number;
  name: string;
  outcome: Outcome;
  durationMs: number;
  /** How many attempts were sent (1 without `retry`). */
  attempts: number;
  request?: RequestRecord;
  response?: ResponseRecord;
  expectations: ExpectationResult[];
  error?: StepError;
  skipReason?: string;
  span: Span;
  methodSpan: Span;
  /**
   * The file this step is written in when it is not the suite's own: a step run through `use:`
   * from another suite, or a `setup`/`teardown` step of bluebook.config.yaml. Every span of this
   * result (`span`, `methodSpan`, `error.span`, expectation spans) is a position in that file.
   */
  file?: string;
  /** Lines the step's scripts wrote with `console.log` (and friends), already redacted. */
  logs?: string[];
  /**
   * True when this passed step's request/response headers and bodies were not kept
   * (`RunOptions.keepRecords: 'failures'`, the default): `request` holds method and URL,
   * `response` status, status text and size (its `body` is `''` with `bodyTruncated`).
   */
  recordsOmitted?: boolean;
}

export interface TestResult {
  testId: string;
  /** `testId` or `testId[row]` for an `each` row: unique within the suite. */
  instanceId: string;
  /** The rendered display name. */
  name: string;
  rowIndex?: number;
  outcome: Outcome;
  durationMs: number;
  steps: StepResult[];
  /** An error of the test itself (unreadable `each` file, …). */
  error?: StepError;
  skipReason?: string;
  span: Span;
}

export interface SuiteResult {
  file: string;
  name: string;
  outcome: Outcome;
  durationMs: number;
  before: StepResult[];
  tests: TestResult[];
  after: StepResult[];
  /** An error that prevented the suite from running (invalid suite, config…). */
  error?: StepError;
  /**
   * Set on the pseudo-suite of bluebook.config.yaml's `setup` (steps in `before`) or `teardown`
   * (steps in `after`); `file` is the config path and it has no tests (core/src/run/setup.ts).
   */
  phase?: 'setup' | 'teardown';
}

/** Events emitted during a run, in order. Plain JSON so execution can move to another process. */
export type RunEvent =
  | { type: 'suiteStarted'; file: string; name: string }
  | { type: 'testStarted'; file: string; testId: string; instanceId: string; name: string }
  | { type: 'stepStarted'; file: string; instanceId?: string; phase: StepPhase; index: number }
  | { type: 'stepFinished'; file: string; instanceId?: string; result: StepResult }
  | { type: 'testFinished'; file: string; result: TestResult }
  | { type: 'suiteFinished'; result: SuiteResult };

/** Steps reported inside a test (its `steps` and `finally`), not as a suite's or the config's hooks. */
export function partOfTest(phase: StepPhase): boolean {
  return phase === 'test' || phase === 'finally';
}

export interface Totals {
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
}

export function countTests(results: readonly SuiteResult[]): Totals {
  const totals: Totals = { passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const suite of results) for (const test of suite.tests) totals[test.outcome]++;
  return totals;
}

/** Worst outcome wins: errored > failed > passed > skipped. */
export function combineOutcomes(outcomes: Iterable<Outcome>): Outcome {
  let result: Outcome = 'skipped';
  const rank: Record<Outcome, number> = { skipped: 0, passed: 1, failed: 2, errored: 3 };
  for (const outcome of outcomes) if (rank[outcome] > rank[result]) result = outcome;
  return result;
}
