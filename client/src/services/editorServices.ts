/**
 * Services and mocks in the editor (SPEC §9, §10): the manager and the mock registry wired to an
 * output channel per service and mock, the status bar item, and the runs — a run whose
 * environment refers to services gets the `services` variable, starting them first if needed.
 */
import * as vscode from 'vscode';
import type { RunOptions } from '../../../core/src/index.js';
import { startMock } from '../../../core/src/mock/index.js';
import {
  secretValues,
  servicesFor,
  startServices,
  type ServiceLogTail,
} from '../../../core/src/services/index.js';
import type { SuiteRunContext } from '../config.js';
import { RunInterrupted } from '../testing/runner.js';
import { OutputChannels } from './channels.js';
import { ServicesCancelled, ServicesManager, type StartServices } from './manager.js';
import { Mocks, type StartMock } from './mocks.js';
import { ServicesStatusBar } from './statusBar.js';
import { journalLine } from './summary.js';
import { startFailureMessage } from './tails.js';

export interface EditorServicesOptions {
  log: vscode.LogOutputChannel;
  /** core's `startServices` and `startMock` unless given. */
  startServices?: StartServices;
  startMock?: StartMock;
}

export class EditorServices implements vscode.Disposable {
  readonly serviceChannels = new OutputChannels('Bluebook Service');
  readonly mockChannels = new OutputChannels('Bluebook Mock');
  readonly statusBar = new ServicesStatusBar();
  readonly manager: ServicesManager;
  readonly mocks: Mocks;
  /** The config each suite of a run with services used (for the tails of its failed tests). */
  private readonly configOfSuite = new Map<string, string>();
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: EditorServicesOptions) {
    this.manager = new ServicesManager({
      start: options.startServices ?? startServices,
      onOutput: (name, line) => this.serviceChannels.append(name, line),
      onChange: () => this.render(),
      onFailure: (name, message, starting) => this.failed(name, message, starting),
    });
    this.mocks = new Mocks({
      start: options.startMock ?? startMock,
      onRequest: (file, entry) =>
        this.mockChannels.append(this.mocks.find(file)?.name ?? file, journalLine(entry)),
      onChange: () => this.render(),
    });
  }

  /**
   * The run options of a suite, with the `services` variable when its environment refers to
   * services (started now if they are not running). A service that cannot start errors the run's
   * items with its reason and last lines.
   */
  async runOptions(
    context: SuiteRunContext,
    suite: { uri: string; text?: string | undefined },
    signal: AbortSignal,
  ): Promise<RunOptions> {
    const project = context.project;
    if (!project?.services?.length) return context.options;
    const names = servicesFor(project, context.environment, suite.text === undefined ? [] : [suite.text]);
    if (names.length === 0) return context.options;
    this.configOfSuite.set(suite.uri, project.path);
    let services;
    try {
      services = await this.manager.prepare(project, names, signal, {
        processEnv: context.options.env ?? process.env,
        secrets: secretValues(
          context.options.environment ?? {},
          context.options.env ?? {},
          context.options.secretNames ?? [],
        ),
      });
    } catch (error) {
      if (error instanceof ServicesCancelled) throw new RunInterrupted(error.message);
      throw new RunInterrupted(startFailureMessage(error));
    }
    return { ...context.options, environment: { ...context.options.environment, services } };
  }

  /** The last lines of the services a suite's run used (none when it used none). */
  tailsOf(suiteUri: string): ServiceLogTail[] {
    const config = this.configOfSuite.get(suiteUri);
    return config ? this.manager.tails(config) : [];
  }

  /** Stops every service and mock; resolves when they have stopped (window closing: awaited). */
  stop(): Promise<void> {
    this.stopping ??= Promise.all([this.manager.stop(), this.mocks.stopAll()]).then(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  logError(message: string): void {
    this.options.log.error(message);
  }

  private failed(name: string, message: string, starting: boolean): void {
    this.logError(`service ${name}: ${message}`);
    if (starting) {
      this.serviceChannels.show(name);
      return;
    }
    void vscode.window
      .showWarningMessage(
        `Bluebook: service ${name} stopped: ${message}. The next run starts it again.`,
        'Show Output',
      )
      .then((choice) => {
        if (choice) this.serviceChannels.show(name, false);
      });
  }

  private render(): void {
    this.statusBar.render(
      this.manager.states(),
      this.mocks.list().map((mock) => ({ name: mock.name, url: mock.url })),
    );
  }

  dispose(): void {
    void this.stop();
    this.statusBar.dispose();
    this.serviceChannels.dispose();
    this.mockChannels.dispose();
  }
}

/** The values of the config's secret variables known before the run (redacted from service output). */
