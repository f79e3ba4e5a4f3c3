/**
 * The Bluebook extension: starts the language server and wires the Test Explorer, inline results,
 * last-response views, the environment picker, and the services and mocks (services/). Suites
 * run in a child process per run (testing/runnerProcess.ts), so the engine's work never blocks
 * this extension host; services and mocks live here until stopped or the window closes.
 * Every piece lives in its own module; this file only connects them.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  Commands,
  LastResultsNotification,
  SelectedEnvironmentNotification,
  WorkspaceScanNotification,
  type LastResultsParams,
  type RunCommandArgs,
  type SelectedEnvironmentParams,
} from '../../core/src/protocol.js';
import type { SuiteResult } from '../../core/src/index.js';
import { configHooksFor, runContextFor } from './config.js';
import { Environments } from './environments.js';
import { registerImportCommands } from './import/command.js';
import { startLanguageClient } from './languageClient.js';
import { InlineResults } from './results/inline.js';
import { formatExchange } from './results/present.js';
import { LastRun } from './report/lastRun.js';
import { openLastReport } from './report/openReport.js';
import { ResponseViews } from './results/response.js';
import { ResultStore, withoutForeignSteps } from './results/store.js';
import { readSettings } from './settings.js';
import { registerServiceCommands } from './services/commands.js';
import { EditorServices } from './services/editorServices.js';
import { registerSnapshotActions } from './snapshots/accept.js';
import { SuiteTree, suitePathOf } from './testing/controller.js';
import { fileUri } from './testing/lines.js';
import { forkRunner } from './testing/runnerProcess.js';
import { SuiteRuns, type RunOutcome } from './testing/runs.js';
import { stepItemId, testItemId } from './testing/tree.js';

/** What `activate` returns: the extension's parts, for the e2e tests and other extensions. */
export interface BluebookApi {
  tree: SuiteTree;
  runs: SuiteRuns;
  results: ResultStore;
  inline: InlineResults;
  responses: ResponseViews;
  environments: Environments;
  /** The services of runs and the mocks started from the editor. */
  services: EditorServices;
  /** Undefined when the server bundle is missing or did not start. */
  languageClient: LanguageClient | undefined;
  runTest(args: RunCommandArgs): Promise<RunOutcome>;
}

let client: LanguageClient | undefined;
let services: EditorServices | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<BluebookApi> {
  const log = vscode.window.createOutputChannel('Bluebook', { log: true });
  const results = new ResultStore(fileUri);
  const environments = new Environments(context.workspaceState);
  const tree = new SuiteTree();
  const lastRun = new LastRun();
  const inline = new InlineResults(results, () => readSettings().inlineResultsEnabled);
  const responses = new ResponseViews(results);
  const editorServices = new EditorServices({ log });
  services = editorServices;
  context.subscriptions.push(log, environments, tree, inline, responses, editorServices);
  context.subscriptions.push(registerServiceCommands(editorServices));
  context.subscriptions.push(registerSnapshotActions(results), registerImportCommands());

  const notifyResults = (params: LastResultsParams) => {
    if (client?.isRunning()) void client.sendNotification(LastResultsNotification, params);
  };
  const runs = new SuiteRuns({
    tree,
    log,
    jobs: () => readSettings().runJobs,
    runOptions: (uri, signal) => {
      const run = runContextFor(suitePathOf(uri), environments.selected);
      if (run.configPath)
        log.debug(
          `${vscode.workspace.asRelativePath(uri)}: environment ${run.environment ?? '(none)'} from ${run.configPath}`,
        );
      const key = uri.toString();
      return editorServices.runOptions(run, { uri: key, text: tree.documentOf(key)?.text }, signal);
    },
    serviceTails: (uri) => editorServices.tailsOf(uri),
    configOf: (uri) => {
      const hooks = configHooksFor(suitePathOf(uri));
      return hooks && { ...hooks, uri: fileUri(hooks.path) };
    },
    spawnRunner: () =>
      forkRunner(context.asAbsolutePath('dist/run-worker.js'), (text) =>
        log.warn(`runner: ${text.trimEnd()}`),
      ),
    onRunCreated: () => results.beginRun(),
    onResult: (uri, version, result, run) => {
      results.update(uri, result, run);
      lastRun.add(uri, result, run);
      notifyResults({
        uri,
        ...(version !== undefined ? { version } : {}),
        results: withoutForeignSteps(result),
      });
      if (readSettings().logRequests) logResult(log, result);
    },
  });
  context.subscriptions.push(runs);

  const runFromCommand = (args: RunCommandArgs): Promise<RunOutcome> => {
    const items = itemsFor(tree, args);
    if (items.length === 0) {
      const message = `Bluebook: no test "${args.testId}" in ${args.uri}`;
      void vscode.window.showWarningMessage(message);
      return Promise.resolve({ results: [] as SuiteResult[] });
    }
    return runs.runItems(items);
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.runTest, (args: RunCommandArgs) => runFromCommand(args)),
    vscode.commands.registerCommand(Commands.runStep, (args: RunCommandArgs) => runFromCommand(args)),
    vscode.commands.registerCommand('bluebook.runFile', (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      const item = target && tree.itemById(target.toString());
      return item ? runs.runItems([item]) : Promise.resolve({ results: [] });
    }),
    vscode.commands.registerCommand('bluebook.showOutput', () => log.show(true)),
    vscode.commands.registerCommand('bluebook.openLastReport', () =>
      openLastReport(lastRun, context.globalStorageUri, String(context.extension.packageJSON.version)),
    ),
    // Any file: used suites and bluebook.config.yaml hold results of the steps written there.
    vscode.workspace.onDidChangeTextDocument((event) =>
      results.applyChanges(event.document.uri.toString(), event.contentChanges),
    ),
    vscode.workspace.onDidRenameFiles((event) => {
      for (const { oldUri, newUri } of event.files) results.rename(oldUri.toString(), newUri.toString());
    }),
    vscode.workspace.onDidDeleteFiles((event) => {
      for (const uri of event.files) results.clear(uri.toString());
    }),
  );

  await environments.refresh();
  const discovery = tree
    .discover()
    .then((found) =>
      log.info(`Test Explorer: ${found.suites} suites discovered in ${Math.round(found.ms)} ms`),
    );
  client = await startLanguageClient(context, log);
  // The server validates the closed suites once discovery no longer needs the cores.
  const allowScan = (): void => {
    if (client?.isRunning()) void client.sendNotification(WorkspaceScanNotification);
  };
  void discovery.then(allowScan, allowScan);
  const notifyEnvironment = (environment: string | undefined) => {
    const params: SelectedEnvironmentParams = environment ? { environment } : {};
    if (client?.isRunning()) void client.sendNotification(SelectedEnvironmentNotification, params);
  };
  notifyEnvironment(environments.selected);
  context.subscriptions.push(environments.onDidChange(notifyEnvironment));

  return {
    tree,
    runs,
    results,
    inline,
    responses,
    environments,
    services: editorServices,
    languageClient: client,
    runTest: runFromCommand,
  };
}

/** The window closes: services and mocks stop (awaited, within their stop timeouts). */
export async function deactivate(): Promise<void> {
  await Promise.all([client?.stop(), services?.stop()]);
  client = undefined;
  services = undefined;
}

/** The items a code lens means: a test, or a step (of every row, for an `each` test). */
function itemsFor(tree: SuiteTree, args: RunCommandArgs): vscode.TestItem[] {
  const test = tree.itemById(testItemId(args.uri, args.testId));
  if (!test) return [];
  if (args.stepIndex === undefined) return [test];
  const direct = tree.itemById(stepItemId(test.id, args.stepIndex));
  if (direct) return [direct];
  const rows: vscode.TestItem[] = [];
  test.children.forEach((row) => {
    const step = tree.itemById(stepItemId(row.id, args.stepIndex!));
    if (step) rows.push(step);
  });
  return rows.length > 0 ? rows : [test];
}

function logResult(log: vscode.LogOutputChannel, result: SuiteResult): void {
  const steps = [...result.before, ...result.tests.flatMap((test) => test.steps), ...result.after];
  log.info(`${result.name}: ${result.outcome} (${Math.round(result.durationMs)} ms)`);
  if (result.error) log.error(result.error.message);
  for (const step of steps) if (step.outcome !== 'skipped') log.info(formatExchange(step).trimEnd());
}
