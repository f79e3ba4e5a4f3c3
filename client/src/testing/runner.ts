/**
 * Runs suites for the Test Explorer and reports to a narrow, `TestRun`-shaped sink. No `vscode`
 * here: the controller adapts a real `TestRun` to {@link RunSink}, unit tests use a recorder, and
 * items are whatever the caller resolves ids to (`TestItem`s in the editor, strings in tests).
 */
import {
  combineOutcomes,
  partOfTest,
  type Outcome,
  type RunEvent,
  type RunFilter,
  type RunOptions,
  type Span,
  type Step,
  type StepResult,
  type SuiteDocument,
  type SuiteResult,
  type Test,
  type TestResult,
} from '../../../core/src/index.js';
import { formatExchange, stepMessages, summaryMessages, type MessageSpec } from '../results/present.js';
import { instanceItemId, stepItemId, testItemId } from './tree.js';
import { isUseStep, isUsedResult, UsedSteps } from './used.js';
import { RunHooks, type HookConfig, type HookOptions } from './hooks.js';

/** The slice of `vscode.TestRun` the run logic uses; spans are offsets into the suite run. */
export interface RunSink<I> {
  enqueued(item: I): void;
  started(item: I): void;
  passed(item: I, durationMs?: number): void;
  failed(item: I, messages: MessageSpec[], durationMs?: number): void;
  errored(item: I, messages: MessageSpec[], durationMs?: number): void;
  skipped(item: I): void;
  /** Text with `\r\n` line ends (the Test Results terminal needs them). */
  appendOutput(text: string, location?: { uri: string; span: Span }, item?: I): void;
}

/** Finds the item of a tree id ({@link testItemId} & co.); creates rows only a run can know. */
export interface ItemResolver<I> {
  byId(id: string): I | undefined;
  /** Rows of an `each` read from a data file appear when the run reports them. */
  addRow?(uri: string, testId: string, instanceId: string, label: string): I | undefined;
  /**
   * A step a `use` step ran appears under it when the run reports it; `location.file` is where it
   * is written when that is not the suite's own file (`StepResult.file`).
   */
  addUsedStep?(parent: I, id: string, label: string, location: { file?: string; span: Span }): I | undefined;
}

/** One call of core's `runSuite`: a suite and what of it to run. */
export interface SuitePlan<I> {
  uri: string;
  doc: SuiteDocument;
  filter?: RunFilter;
  /** The items the request named; any of them the run does not report ends as skipped. */
  items: I[];
}

export interface ExecuteOptions {
  signal: AbortSignal;
  /** Environment, secrets, timeouts… for a suite (everything but filter, signal and events). */
  runOptions?: (uri: string) => Promise<RunOptions> | RunOptions;
  /** Files run at the same time. */
  jobs?: number;
  onProgress?: (done: number, total: number) => void;
  onResult?: (plan: SuitePlan<unknown>, result: SuiteResult) => void;
  /** Each finished step (for the output channel). */
  onStep?: (uri: string, step: StepResult) => void;
  /**
   * Runs one suite: a runner process in the editor ({@link RunnerProcess}), core's `runSuite`
   * in unit tests.
   */
  run: (doc: SuiteDocument, options: RunOptions) => Promise<SuiteResult>;
  /** The config whose `setup`/`teardown` apply to a suite, if it has any. */
  configOf?: (uri: string) => HookConfig | undefined;
  /** Runs those hooks (hooks.ts); without it, suites run without their config's setup. */
  hooks?: HookOptions;
  /** Configs the request named (their `setup`/`teardown` items): their hooks run, suites or not. */
  configs?: HookConfig[];
}

/** The run of a suite ended without a result (its process was stopped or died): said as is. */
export class RunInterrupted extends Error {}

export async function executePlans<I>(
  plans: SuitePlan<I>[],
  sink: RunSink<I>,
  resolver: ItemResolver<I>,
  options: ExecuteOptions,
): Promise<SuiteResult[]> {
  for (const plan of plans) for (const item of plan.items) sink.enqueued(item);
  const hooks = options.hooks ? new RunHooks(sink, resolver, options.hooks, options.signal) : undefined;
  const results: SuiteResult[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < plans.length && !options.signal.aborted) {
      const plan = plans[next++];
      const result = await executePlan(plan, sink, resolver, options, hooks);
      if (result) results.push(result);
      options.onProgress?.(++done, plans.length);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs ?? 4, plans.length));
  try {
    if (hooks)
      for (const config of options.configs ?? [])
        await hooks.before(config, async () => ({
          ...(await options.runOptions?.(config.uri)),
          signal: options.signal,
        }));
    await Promise.all(Array.from({ length: jobs }, worker));
  } finally {
    await hooks?.after();
  }
  return results;
}

async function executePlan<I>(
  plan: SuitePlan<I>,
  sink: RunSink<I>,
  resolver: ItemResolver<I>,
  options: ExecuteOptions,
  hooks: RunHooks<I> | undefined,
): Promise<SuiteResult | undefined> {
  const reporter = new PlanReporter(plan, sink, resolver, options);
  let result: SuiteResult;
  try {
    const base = (await options.runOptions?.(plan.uri)) ?? {};
    const config = hooks && options.configOf?.(plan.uri);
    const setup = config ? await hooks.before(config, () => ({ ...base, signal: options.signal })) : {};
    result = await options.run(plan.doc, {
      // The last response of every step is shown on hover, passed ones included.
      keepRecords: 'all',
      ...base,
      ...setup,
      ...(plan.filter ? { filter: plan.filter } : {}),
      signal: options.signal,
      onEvent: (event) => reporter.onEvent(event),
    });
  } catch (error) {
    // A bug in the engine or a runner that died must not leave the run hanging: say so on every
    // item asked for and every item that started, unless it already has its result.
    const message =
      error instanceof RunInterrupted
        ? error.message
        : `Bluebook could not run ${plan.doc.suite?.name ?? plan.uri}: ${error instanceof Error ? error.message : String(error)}`;
    reporter.interrupt(message);
    return undefined;
  }
  reporter.finish(result);
  options.onResult?.(plan as SuitePlan<unknown>, result);
  return result;
}

/** Maps one suite's run events to sink calls. */
class PlanReporter<I> {
  private readonly reported = new Set<I>();
  /** Items that started, with where an interruption is reported on them. */
  private readonly started = new Map<I, Span>();
  private readonly testIds = new Map<string, string>();
  /** Messages of steps that have no item of their own, shown on their test instead. */
  private readonly orphanMessages = new Map<string, MessageSpec[]>();
  /** `expected 200, got 404` per failed expectation, reported on the test ({@link summaryMessages}). */
  private readonly summaries = new Map<string, MessageSpec[]>();
  private readonly suiteMessages: MessageSpec[] = [];
  private readonly used = new UsedSteps();

  constructor(
    private readonly plan: SuitePlan<I>,
    private readonly sink: RunSink<I>,
    private readonly resolver: ItemResolver<I>,
    private readonly options: ExecuteOptions,
  ) {}

  onEvent(event: RunEvent): void {
    switch (event.type) {
      case 'testStarted': {
        this.testIds.set(event.instanceId, event.testId);
        const item = this.instanceItem(event.testId, event.instanceId, event.name);
        if (item) this.start(item, this.testOf(event.testId)?.idSpan);
        break;
      }
      case 'stepStarted': {
        const item =
          event.phase === 'test' && event.instanceId
            ? this.stepItem(event.instanceId, event.index)
            : undefined;
        const testId = event.instanceId && this.testIds.get(event.instanceId);
        if (item) this.start(item, testId ? this.testOf(testId)?.steps[event.index]?.methodSpan : undefined);
        break;
      }
      case 'stepFinished':
        this.stepFinished(event.instanceId, event.result);
        break;
      case 'testFinished':
        this.testFinished(event.result);
        break;
      case 'suiteStarted':
      case 'suiteFinished':
        break;
    }
  }

  finish(result: SuiteResult): void {
    const fileItem = this.resolver.byId(this.plan.uri);
    if (result.error) {
      const message: MessageSpec = { message: result.error.message, span: result.error.span };
      for (const item of this.plan.items)
        if (!this.reported.has(item)) this.report(item, 'errored', [message]);
      if (fileItem && !this.reported.has(fileItem)) this.report(fileItem, 'errored', [message]);
      return;
    }
    // An `each` test's own item: the worst of its rows.
    const byTest = new Map<string, TestResult[]>();
    for (const test of result.tests) {
      if (test.instanceId === test.testId) continue;
      byTest.set(test.testId, [...(byTest.get(test.testId) ?? []), test]);
    }
    for (const [testId, rows] of byTest) {
      const item = this.resolver.byId(testItemId(this.plan.uri, testId));
      const outcome = combineOutcomes(rows.map((row) => row.outcome));
      if (item)
        this.report(
          item,
          outcome,
          [],
          rows.reduce((sum, row) => sum + row.durationMs, 0),
        );
    }
    if (this.suiteMessages.length > 0 && fileItem) this.report(fileItem, 'errored', this.suiteMessages);
    for (const item of this.plan.items) if (!this.reported.has(item)) this.sink.skipped(item);
  }

  /** The run ended without a result: every started or requested item without one errors. */
  interrupt(message: string): void {
    const at = (item: I): MessageSpec[] => [
      { message, span: this.started.get(item) ?? { start: 0, end: 0 } },
    ];
    for (const item of this.started.keys())
      if (!this.reported.has(item)) this.report(item, 'errored', at(item));
    for (const item of this.plan.items) if (!this.reported.has(item)) this.report(item, 'errored', at(item));
  }

  private start(item: I, span: Span | undefined): void {
    this.started.set(item, span ?? { start: 0, end: 0 });
    this.sink.started(item);
  }

  private testOf(testId: string): Test | undefined {
    return this.plan.doc.suite?.tests.find((test) => test.id === testId);
  }

  private stepFinished(instanceId: string | undefined, step: StepResult): void {
    const uri = this.plan.uri;
    this.options.onStep?.(uri, step);
    const messages = stepMessages(step);
    if (!partOfTest(step.phase) || !instanceId) {
      this.sink.appendOutput(formatExchange(step, '\r\n'));
      if (step.outcome === 'failed' || step.outcome === 'errored') {
        this.suiteMessages.push(
          ...messages.map((m) => ({ ...m, message: `${step.phase} step "${step.name}": ${m.message}` })),
        );
      }
      return;
    }
    const summaries = summaryMessages(step);
    if (summaries.length > 0)
      this.summaries.set(instanceId, [...(this.summaries.get(instanceId) ?? []), ...summaries]);
    const written = step.phase === 'test' ? this.writtenStep(instanceId, step.index) : undefined;
    if (written && isUseStep(written) && isUsedResult(step, written)) {
      this.usedStepFinished(instanceId, step, messages);
      return;
    }
    // `finally` steps have no item of their own: their messages go on the test.
    const item = step.phase === 'test' ? this.stepItem(instanceId, step.index) : undefined;
    const owner = item ?? this.resolver.byId(instanceItemId(uri, instanceId));
    // No location: VS Code would print located output inline at the end of the step's line, on
    // top of the inline result; tied to the item, it shows in Test Results when that item is picked.
    if (step.outcome !== 'skipped') this.sink.appendOutput(formatExchange(step, '\r\n'), undefined, owner);
    if (item) this.report(item, step.outcome, messages, step.durationMs);
    else if (messages.length > 0 && step.outcome !== 'skipped') {
      this.orphanMessages.set(instanceId, [...(this.orphanMessages.get(instanceId) ?? []), ...messages]);
    }
  }

  /** A step a `use` step ran: its own item under the `use` step, which shows the worst of them. */
  private usedStepFinished(instanceId: string, step: StepResult, messages: MessageSpec[]): void {
    const useId = stepItemId(instanceItemId(this.plan.uri, instanceId), step.index);
    const use = this.resolver.byId(useId);
    const state = this.used.add(useId, step, messages);
    const id = stepItemId(useId, state.position);
    const item =
      use &&
      (this.resolver.byId(id) ??
        this.resolver.addUsedStep?.(use, id, step.name, {
          ...(step.file !== undefined ? { file: step.file } : {}),
          span: step.methodSpan,
        }));
    const owner = item ?? use ?? this.resolver.byId(instanceItemId(this.plan.uri, instanceId));
    if (step.outcome !== 'skipped') this.sink.appendOutput(formatExchange(step, '\r\n'), undefined, owner);
    if (item) {
      this.sink.started(item);
      this.report(item, step.outcome, messages, step.durationMs);
    }
    if (use) this.report(use, state.outcome, state.messages, state.durationMs);
    else if (messages.length > 0 && step.outcome !== 'skipped')
      this.orphanMessages.set(instanceId, [...(this.orphanMessages.get(instanceId) ?? []), ...messages]);
  }

  private writtenStep(instanceId: string, index: number): Step | undefined {
    const testId = this.testIds.get(instanceId);
    return testId === undefined ? undefined : this.testOf(testId)?.steps[index];
  }

  private testFinished(test: TestResult): void {
    const item = this.instanceItem(test.testId, test.instanceId, test.name);
    if (!item) return;
    // Summaries first: the first located message of a line is the one VS Code's badge shows.
    const messages = [
      ...(this.summaries.get(test.instanceId) ?? []),
      ...(this.orphanMessages.get(test.instanceId) ?? []),
    ];
    if (test.error) messages.push({ message: test.error.message, span: test.error.span });
    this.report(item, test.outcome, messages, test.durationMs);
  }

  private instanceItem(testId: string, instanceId: string, label: string): I | undefined {
    const uri = this.plan.uri;
    const existing = this.resolver.byId(instanceItemId(uri, instanceId));
    if (existing || instanceId === testId) return existing;
    return this.resolver.addRow?.(uri, testId, instanceId, label);
  }

  private stepItem(instanceId: string, index: number): I | undefined {
    return this.resolver.byId(stepItemId(instanceItemId(this.plan.uri, instanceId), index));
  }

  private report(item: I, outcome: Outcome, messages: MessageSpec[], durationMs?: number): void {
    this.reported.add(item);
    switch (outcome) {
      case 'passed':
        this.sink.passed(item, durationMs);
        break;
      case 'failed':
        this.sink.failed(item, messages, durationMs);
        break;
      case 'errored':
        this.sink.errored(item, messages, durationMs);
        break;
      case 'skipped':
        this.sink.skipped(item);
        break;
    }
  }
}
