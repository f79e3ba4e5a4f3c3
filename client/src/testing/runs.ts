/**
 * Run profiles (Run, and continuous run on save) and the run handler: turns a `TestRunRequest` into
 * plans, runs them through the editor-free {@link executePlans} and reports into a `TestRun`.
 * One active run per profile: a new run cancels the previous one first.
 */
import * as vscode from 'vscode';
import type { RunOptions, Span, SuiteResult } from '../../../core/src/index.js';
import type { ServiceLogTail } from '../../../core/src/services/types.js';
import { withServiceTails } from '../services/tails.js';
import type { MessageSpec } from '../results/present.js';
import { planRuns, type Target } from './plan.js';
import { executePlans, type RunSink } from './runner.js';
import { isSuiteUri, type SuiteTree } from './controller.js';
import type { HookConfig } from './hooks.js';
import { fileUri, runLineIndexes, type LineIndexes } from './lines.js';
import { RunRecorder } from './recorder.js';
import { RunnerProcess, type RunnerChild } from './runnerProcess.js';

export const UNTRUSTED_MESSAGE =
  'Bluebook does not run suites in Restricted Mode: running sends HTTP requests. Trust this workspace to run them.';

export interface RunsOptions {
  tree: SuiteTree;
  /** Environment, secrets, the `services` variable… for the suite at this URI (`signal`: the run's). */
  runOptions(uri: vscode.Uri, signal: AbortSignal): RunOptions | Promise<RunOptions>;
  /** The last output lines of the services a suite's run used: appended to each failed test's output. */
  serviceTails?(uri: string): ServiceLogTail[];
  /** The `setup`/`teardown` of the config that applies to this suite (or config), if it has any. */
  configOf(uri: vscode.Uri): HookConfig | undefined;
  jobs(): number;
  /**
   * A `TestRun` was just created (VS Code now shows this run's messages in editors); returns the
   * number passed to {@link RunsOptions.onResult} for its results.
   */
  onRunCreated(): number;
  /** Every suite result, as soon as its file finished. */
  onResult(uri: string, version: number | undefined, result: SuiteResult, run: number): void;
  log: vscode.LogOutputChannel;
  /** Starts a runner process (dist/run-worker.js); each run that has suites to run starts one. */
  spawnRunner(): RunnerChild;
}

/** What a run command resolves with (tests read it; users see the Test Explorer). */
export type RunOutcome = { results: SuiteResult[] } | { refused: string };

export class SuiteRuns implements vscode.Disposable {
  readonly runProfile: vscode.TestRunProfile;
  readonly continuousProfile: vscode.TestRunProfile;
  readonly recorder = new RunRecorder();
  private readonly active = new Map<
    vscode.TestRunProfile,
    { abort: AbortController; done: Promise<unknown> }
  >();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly runnerStarted = new vscode.EventEmitter<number>();
  /** Fires the process id of each runner process a run starts. */
  readonly onDidStartRunner = this.runnerStarted.event;

  constructor(private readonly options: RunsOptions) {
    const { controller } = options.tree;
    this.runProfile = controller.createRunProfile(
      'Run',
      vscode.TestRunProfileKind.Run,
      async (request, token) => {
        await this.handle(request, token, this.runProfile);
      },
    );
    this.runProfile.isDefault = true;
    this.continuousProfile = controller.createRunProfile(
      'Run on save',
      vscode.TestRunProfileKind.Run,
      async (request, token) => {
        await this.handle(request, token, this.continuousProfile);
      },
      false,
      undefined,
      true,
    );
    this.disposables.push(this.runProfile, this.continuousProfile, this.recorder, this.runnerStarted);
  }

  /**
   * Runs items with the Run profile, so results land in the Test Explorer like a click would.
   * `token` cancels it (commands pass none: the Test Explorer's stop button cancels the run).
   */
  async runItems(items: vscode.TestItem[], token?: vscode.CancellationToken): Promise<RunOutcome> {
    const request = new vscode.TestRunRequest(items, undefined, this.runProfile);
    const cancellation = new vscode.CancellationTokenSource();
    const forward = token?.onCancellationRequested(() => cancellation.cancel());
    try {
      return await this.handle(request, cancellation.token, this.runProfile);
    } finally {
      forward?.dispose();
      cancellation.dispose();
    }
  }

  private async handle(
    request: vscode.TestRunRequest,
    token: vscode.CancellationToken,
    profile: vscode.TestRunProfile,
  ): Promise<RunOutcome> {
    if (!vscode.workspace.isTrusted) return this.refuse(request);
    if (request.continuous) {
      this.watchSaves(request, token);
      return { results: [] };
    }
    const previous = this.active.get(profile);
    if (previous) {
      previous.abort.abort();
      await previous.done;
    }
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    const done = this.execute(request, abort);
    this.active.set(profile, { abort, done });
    try {
      return { results: await done };
    } finally {
      cancelled.dispose();
      if (this.active.get(profile)?.done === done) this.active.delete(profile);
    }
  }

  private async execute(request: vscode.TestRunRequest, abort: AbortController): Promise<SuiteResult[]> {
    const signal = abort.signal;
    const { tree } = this.options;
    await tree.discover();
    const included = request.include ?? tree.fileItems();
    const targets: Target<vscode.TestItem>[] = included.map((item) => ({ item, data: tree.dataOf(item) }));
    const excluded = (request.exclude ?? []).map((item) => tree.dataOf(item));
    const plans = planRuns(targets, excluded, (uri) => tree.documentOf(uri));
    const configs = [
      ...new Set(targets.filter((target) => target.data.kind === 'config').map((target) => target.data.uri)),
    ].flatMap((uri) => this.options.configOf(vscode.Uri.parse(uri)) ?? []);
    const versions = new Map(plans.map((plan) => [plan.uri, this.openVersion(plan.uri)]));
    const lineIndexes = runLineIndexes(
      new Map(plans.map((plan) => [plan.uri, plan.doc.lineIndex])),
      (uri) => tree.documentOf(uri)?.text,
    );
    const run = tree.controller.createTestRun(request, undefined, true);
    const runNumber = this.options.onRunCreated();
    // The stop button of a run started from a command cancels the run's own token.
    const stopped = run.token.onCancellationRequested(() => abort.abort());
    const sink = withServiceTails(
      this.recorder.wrap(run, new TestRunSink(run, lineIndexes), lineIndexes),
      (item) =>
        this.options.serviceTails && ['test', 'row'].includes(tree.dataOf(item).kind)
          ? this.options.serviceTails(tree.dataOf(item).uri)
          : [],
    );
    const progress = plans.length > 1 ? this.progress(plans.length, signal) : undefined;
    const runner = new RunnerProcess({
      spawn: () => this.options.spawnRunner(),
      onStart: (pid) => {
        this.options.log.debug(`runner process ${pid} started`);
        this.runnerStarted.fire(pid);
      },
    });
    try {
      return await executePlans(
        plans,
        sink,
        {
          byId: (id) => tree.itemById(id),
          addRow: (...a) => tree.addRow(...a),
          addUsedStep: (parent, id, label, location) =>
            tree.addUsedStep(parent, id, label, {
              ...(location.file !== undefined ? { uri: fileUri(location.file) } : {}),
              span: location.span,
              lineIndex: location.file !== undefined ? lineIndexes(fileUri(location.file)) : undefined,
            }),
        },
        {
          signal,
          run: runner.run,
          jobs: this.options.jobs(),
          runOptions: (uri) => this.options.runOptions(vscode.Uri.parse(uri), signal),
          onProgress: (done, total) => progress?.report(done, total),
          onResult: (plan, result) =>
            this.options.onResult(plan.uri, versions.get(plan.uri), result, runNumber),
          configOf: (uri) => this.options.configOf(vscode.Uri.parse(uri)),
          configs,
          hooks: {
            run: runner.hook,
            onResult: (config, result) => this.options.onResult(config.uri, undefined, result, runNumber),
          },
        },
      );
    } finally {
      progress?.end();
      stopped.dispose();
      run.end();
      this.recorder.end(run);
      // Every suite has its result (or was stopped): the run ends now, the process exits after.
      await runner.close();
    }
  }

  private openVersion(uri: string): number | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)?.version;
  }

  /** A status bar progress "Bluebook: 3/10 suites" while a multi-file run is going. */
  private progress(
    total: number,
    signal: AbortSignal,
  ): { report(done: number, total: number): void; end(): void } {
    let report: (done: number) => void = () => {};
    let end: () => void = () => {};
    const finished = new Promise<void>((resolve) => (end = resolve));
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Bluebook', cancellable: false },
      async (progress) => {
        report = (done) => progress.report({ message: `${done}/${total} suites`, increment: 100 / total });
        progress.report({ message: `0/${total} suites` });
        await Promise.race([finished, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
      },
    );
    this.recorder.progress(0, total);
    return {
      report: (done) => {
        report(done);
        this.recorder.progress(done, total);
      },
      end: () => end(),
    };
  }

  private refuse(request: vscode.TestRunRequest): RunOutcome {
    void vscode.window.showErrorMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    const run = this.options.tree.controller.createTestRun(request, 'Restricted Mode', false);
    this.options.onRunCreated();
    run.appendOutput(`${UNTRUSTED_MESSAGE}\r\n`);
    for (const item of request.include ?? this.options.tree.fileItems()) run.skipped(item);
    run.end();
    this.options.log.warn(UNTRUSTED_MESSAGE);
    return { refused: UNTRUSTED_MESSAGE };
  }

  /** Continuous run: re-runs the requested items (or all of a saved suite) on every save. */
  private watchSaves(request: vscode.TestRunRequest, token: vscode.CancellationToken): void {
    const { tree } = this.options;
    const subscription = vscode.workspace.onDidSaveTextDocument((document) => {
      if (!isSuiteUri(document.uri)) return;
      const uri = document.uri.toString();
      const items = request.include
        ? request.include.filter((item) => tree.dataOf(item).uri === uri)
        : [tree.itemById(uri)].filter((item): item is vscode.TestItem => item !== undefined);
      if (items.length === 0) return;
      const cancellation = new vscode.CancellationTokenSource();
      const stop = token.onCancellationRequested(() => cancellation.cancel());
      const rerun = new vscode.TestRunRequest(items, request.exclude, this.continuousProfile);
      void this.handle(rerun, cancellation.token, this.continuousProfile).finally(() => {
        stop.dispose();
        cancellation.dispose();
      });
    });
    token.onCancellationRequested(() => subscription.dispose());
  }

  dispose(): void {
    for (const { abort } of this.active.values()) abort.abort();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** Adapts a real `TestRun` to the runner's {@link RunSink}: spans become locations, diffs `TestMessage.diff`. */
export class TestRunSink implements RunSink<vscode.TestItem> {
  constructor(
    private readonly run: vscode.TestRun,
    private readonly lineIndexes: LineIndexes,
  ) {}

  enqueued(item: vscode.TestItem): void {
    this.run.enqueued(item);
  }
  started(item: vscode.TestItem): void {
    this.run.started(item);
  }
  passed(item: vscode.TestItem, durationMs?: number): void {
    this.run.passed(item, durationMs);
  }
  failed(item: vscode.TestItem, messages: MessageSpec[], durationMs?: number): void {
    this.run.failed(
      item,
      messages.map((m) => this.message(item, m)),
      durationMs,
    );
  }
  errored(item: vscode.TestItem, messages: MessageSpec[], durationMs?: number): void {
    this.run.errored(
      item,
      messages.map((m) => this.message(item, m)),
      durationMs,
    );
  }
  skipped(item: vscode.TestItem): void {
    this.run.skipped(item);
  }
  appendOutput(text: string, location?: { uri: string; span: Span }, item?: vscode.TestItem): void {
    const where = location ? this.location(location.uri, location.span) : undefined;
    this.run.appendOutput(text, where, item);
  }

  private message(item: vscode.TestItem, spec: MessageSpec): vscode.TestMessage {
    const message =
      spec.expected !== undefined || spec.actual !== undefined
        ? vscode.TestMessage.diff(spec.message, spec.expected ?? '', spec.actual ?? '')
        : new vscode.TestMessage(
            spec.details === undefined
              ? spec.message
              : new vscode.MarkdownString().appendText(spec.message).appendMarkdown(`\n\n${spec.details}`),
          );
    if (spec.contextValue !== undefined) message.contextValue = spec.contextValue;
    const uri = spec.file !== undefined ? fileUri(spec.file) : item.uri?.toString();
    if (uri) message.location = this.location(uri, spec.span);
    return message;
  }

  location(uri: string, span: Span): vscode.Location | undefined {
    const index = this.lineIndexes(uri);
    if (!index) return undefined;
    const range = index.rangeOf(span);
    return new vscode.Location(
      vscode.Uri.parse(uri),
      new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character),
    );
  }
}
