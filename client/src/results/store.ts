/**
 * The last results of each suite, per step, kept in step with edits: spans shift with the text,
 * and a step whose text is edited loses its (now stale) results. Plain data, no `vscode`: the
 * inline decorations, the hover and the response documents read it.
 */
import { pathToFileURL } from 'node:url';
import type { Span, StepResult, SuiteResult } from '../../../core/src/index.js';
import { stepMessages } from './present.js';

/** One step's last result, with its spans as they are in the current text. */
export interface StepRecord {
  /** Unique within the suite: `before/0`, `create-user/1`, `each-test[2]/0`, `after/0`. */
  key: string;
  result: StepResult;
  /** The whole step (editing inside it makes the record stale). */
  span: Span;
  methodSpan: Span;
  /** The failed expectations' spans, in `result.expectations` order (undefined for passed ones). */
  expectationSpans: (Span | undefined)[];
  /** Where the Test Explorer located this step's error messages (VS Code draws a badge there). */
  messageSpans: Span[];
  /** The run ({@link ResultStore.beginRun}) that produced it. */
  run: number;
}

/** A text change as the editor reports it: offsets in the text before the change. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export class ResultStore {
  /** `uriOf` turns a `StepResult.file` path into the editor's URI of that file. */
  constructor(private readonly uriOf: (file: string) => string = (file) => pathToFileURL(file).href) {}

  private readonly suites = new Map<string, Map<string, StepRecord>>();
  private readonly listeners = new Set<(uri: string) => void>();
  private latestRun = 0;

  /** Called with the suite's URI whenever its records change. */
  onDidChange(listener: (uri: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /**
   * Merges a run's results: the steps it ran replace their previous records, the others are kept
   * (running one test must not wipe the results of the rest of the file).
   */
  /**
   * A test run was created: VS Code now shows the messages of this run only (unless
   * `testing.showAllMessages`), so older records lose their badges. Returns the run's number.
   */
  beginRun(): number {
    this.latestRun++;
    for (const uri of this.suites.keys()) this.fire(uri);
    return this.latestRun;
  }

  update(uri: string, result: SuiteResult, run = this.latestRun): void {
    const touched = new Set([uri]);
    const add = (prefix: string, steps: StepResult[]) => {
      for (const { key, file, step } of recordKeys(uri, prefix, steps, this.uriOf)) {
        touched.add(file);
        const records = this.recordsOf(file);
        if (step.outcome === 'skipped' && !step.skipReason) {
          records.delete(key);
          continue;
        }
        records.set(key, {
          key,
          result: step,
          span: step.span,
          methodSpan: step.methodSpan,
          expectationSpans: step.expectations.map((e) => (e.passed ? undefined : e.span)),
          messageSpans: stepMessages(step).map((m) => m.span),
          run,
        });
      }
    };
    add('before', result.before);
    for (const test of result.tests) add(test.instanceId, test.steps);
    add('after', result.after);
    this.recordsOf(uri);
    for (const file of touched) this.fire(file);
  }

  private recordsOf(uri: string): Map<string, StepRecord> {
    let records = this.suites.get(uri);
    if (!records) this.suites.set(uri, (records = new Map()));
    return records;
  }

  records(uri: string): StepRecord[] {
    return [...(this.suites.get(uri)?.values() ?? [])].sort((a, b) => a.span.start - b.span.start);
  }

  get(uri: string, key: string): StepRecord | undefined {
    return this.suites.get(uri)?.get(key);
  }

  /** The record whose method line holds `offset` (several `each` rows share a step: the last run row wins). */
  atMethodLine(uri: string, lineStart: number, lineEnd: number): StepRecord | undefined {
    let found: StepRecord | undefined;
    for (const record of this.records(uri)) {
      if (record.methodSpan.start >= lineStart && record.methodSpan.start <= lineEnd) found = record;
    }
    return found;
  }

  /**
   * The spans of the messages VS Code draws its own badge for at their line's end: those of the
   * newest run, or of every run kept when `showAllMessages` (VS Code's `testing.showAllMessages`).
   * Our inline text stays off those lines so the two never overlap.
   */
  badgeSpans(uri: string, showAllMessages = false): Span[] {
    return this.records(uri)
      .filter((record) => showAllMessages || record.run === this.latestRun)
      .flatMap((record) => record.messageSpans);
  }

  clear(uri: string): void {
    if (this.suites.delete(uri)) this.fire(uri);
  }

  rename(from: string, to: string): void {
    const records = this.suites.get(from);
    if (!records) return;
    this.suites.delete(from);
    this.suites.set(to, records);
    this.fire(from);
    this.fire(to);
  }

  /**
   * Applies text changes (in the order the editor reports them, each relative to the text after
   * the previous one): records of edited steps are dropped, the others move with the text.
   * Returns whether anything was dropped.
   */
  applyChanges(uri: string, changes: readonly TextChange[]): boolean {
    const records = this.suites.get(uri);
    if (!records || changes.length === 0) return false;
    let dropped = false;
    for (const change of changes) {
      const start = change.rangeOffset;
      const end = change.rangeOffset + change.rangeLength;
      const delta = change.text.length - change.rangeLength;
      for (const [key, record] of records) {
        // Touching the step's own text (not just its boundary) makes it stale.
        if (start < record.span.end && end > record.span.start) {
          records.delete(key);
          dropped = true;
          continue;
        }
        if (start === end && start > record.span.start && start < record.span.end) {
          records.delete(key);
          dropped = true;
          continue;
        }
        if (record.span.start >= end) shiftRecord(record, delta);
      }
    }
    this.fire(uri);
    return dropped;
  }

  private fire(uri: string): void {
    for (const listener of this.listeners) listener(uri);
  }
}

/**
 * The result without the steps written in other files (used suites, the config's setup), whose
 * spans are not positions in this suite: what the language server's "Accept actual value" reads.
 */
export function withoutForeignSteps(result: SuiteResult): SuiteResult {
  const own = (steps: StepResult[]) => steps.filter((step) => step.file === undefined);
  return {
    ...result,
    before: own(result.before),
    tests: result.tests.map((test) => ({ ...test, steps: own(test.steps) })),
    after: own(result.after),
  };
}

/**
 * Where each step's record goes: its own file's URI, under a key unique there. A step written in
 * another file (`file`), or one of several results of one step (the steps a `use` step ran), is
 * keyed like its Test Explorer item, `<suite uri>#<instance>/<step>/<n>`, so results of several
 * using suites sit side by side in the used file; in the suite's own file the uri is left out.
 */
function recordKeys(
  uri: string,
  prefix: string,
  steps: StepResult[],
  uriOf: (file: string) => string,
): { key: string; file: string; step: StepResult }[] {
  const ownKey = (step: StepResult) =>
    step.phase === 'finally' ? `${prefix}/finally/${step.index}` : `${prefix}/${step.index}`;
  const count = new Map<string, number>();
  for (const step of steps) count.set(ownKey(step), (count.get(ownKey(step)) ?? 0) + 1);
  const seen = new Map<string, number>();
  return steps.map((step) => {
    const own = ownKey(step);
    const n = seen.get(own) ?? 0;
    seen.set(own, n + 1);
    if (step.file !== undefined) return { key: `${uri}#${own}/${n}`, file: uriOf(step.file), step };
    return { key: count.get(own)! > 1 ? `${own}/${n}` : own, file: uri, step };
  });
}

function shiftRecord(record: StepRecord, delta: number): void {
  const shift = (span: Span): Span => ({ start: span.start + delta, end: span.end + delta });
  record.span = shift(record.span);
  record.methodSpan = shift(record.methodSpan);
  record.expectationSpans = record.expectationSpans.map((span) => (span ? shift(span) : undefined));
  record.messageSpans = record.messageSpans.map(shift);
}
