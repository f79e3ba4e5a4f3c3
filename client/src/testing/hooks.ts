/**
 * bluebook.config.yaml's `setup:` and `teardown:` in a Test Explorer run (SPEC §7): each config
 * that the run's suites use (or that the request names) runs its setup once, before the first of
 * its suites, and its teardown once after every suite of the run. Suites get the setup's captures,
 * or the reason it failed (each of their tests errors with it). The config's `setup`/`teardown`
 * items (tree.ts) show how each went, their messages located in the config. No `vscode` here.
 */
import {
  setupRunOptions,
  type HookRun,
  type Outcome,
  type RunOptions,
  type SuiteResult,
} from '../../../core/src/index.js';
import { formatExchange, stepMessages, type MessageSpec } from '../results/present.js';
import type { ItemResolver, RunSink } from './runner.js';
import { hookItemId, stepItemId } from './tree.js';

export type HookKind = 'setup' | 'teardown';

/** A config with `setup` or `teardown` steps. */
export interface HookConfig {
  /** The editor's URI of bluebook.config.yaml (its items' ids start with it). */
  uri: string;
  /** The path the runner reads it from. */
  path: string;
  setup: boolean;
  teardown: boolean;
}

export interface HookOptions {
  /** Runs a config's setup or teardown: in the runner process, or core's `runConfigHook` in tests. */
  run(kind: HookKind, config: HookConfig, options: RunOptions): Promise<HookRun>;
  onResult?(config: HookConfig, result: SuiteResult): void;
}

/** The options a hook runs with (a config that cannot be read throws here: the hook errors). */
type LazyOptions = () => RunOptions | Promise<RunOptions>;

type SetupOptions = Pick<RunOptions, 'setupCaptures' | 'setupCookies' | 'setupFailure'>;
type TeardownOptions = Pick<RunOptions, 'setupCaptures' | 'setupCookies'>;

interface ConfigState {
  config: HookConfig;
  options: LazyOptions;
  /** What its suites run with, and what its teardown gets (also after a failed setup: to undo it). */
  setup: Promise<{ suites: SetupOptions; teardown: TeardownOptions }>;
}

export class RunHooks<I> {
  private readonly configs = new Map<string, ConfigState>();

  constructor(
    private readonly sink: RunSink<I>,
    private readonly resolver: ItemResolver<I>,
    private readonly options: HookOptions,
    private readonly signal: AbortSignal,
  ) {}

  /** The config's setup (run now if it has not run in this run): what its suites run with. */
  async before(config: HookConfig, options: LazyOptions): Promise<SetupOptions> {
    let state = this.configs.get(config.uri);
    if (!state) {
      // Cancelled before this config's setup started: nothing of it runs, nor its teardown (as the CLI).
      if (this.signal.aborted) return {};
      const none = Promise.resolve({ suites: {}, teardown: {} });
      state = { config, options, setup: config.setup ? this.setup(config, options) : none };
      this.configs.set(config.uri, state);
    }
    return (await state.setup).suites;
  }

  /** Each config's teardown, once, last config first, after its setup (even a failed one). */
  async after(): Promise<void> {
    const states = [...this.configs.values()].reverse();
    this.configs.clear();
    for (const { config, options, setup } of states) {
      if (!config.teardown) continue;
      const { teardown } = await setup;
      await this.hook('teardown', config, async () => {
        const { signal: _signal, ...rest } = await options();
        return { ...rest, ...teardown };
      });
    }
  }

  private async setup(
    config: HookConfig,
    options: LazyOptions,
  ): Promise<{ suites: SetupOptions; teardown: TeardownOptions }> {
    const run = await this.hook('setup', config, options);
    if ('problem' in run) return { suites: { setupFailure: run.problem }, teardown: {} };
    const cookies = run.cookies ? { setupCookies: run.cookies } : {};
    return { suites: setupRunOptions(run), teardown: { setupCaptures: run.captures, ...cookies } };
  }

  /** Runs a hook and reports it; `problem` says why it could not run at all. */
  private async hook(
    kind: HookKind,
    config: HookConfig,
    options: LazyOptions,
  ): Promise<HookRun | { problem: string }> {
    const item = this.resolver.byId(hookItemId(config.uri, kind));
    if (item) this.sink.started(item);
    let run: HookRun;
    try {
      run = await this.options.run(kind, config, await options());
    } catch (error) {
      const problem = `not run: \`${kind}\` of ${config.path} could not run: ${error instanceof Error ? error.message : String(error)}`;
      this.sink.appendOutput(`${problem}\r\n`, undefined, item);
      if (item)
        this.sink.errored(item, [{ message: problem, span: { start: 0, end: 0 }, file: config.path }]);
      return { problem };
    }
    const steps = [...run.result.before, ...run.result.after];
    for (const step of steps)
      if (step.outcome !== 'skipped') this.sink.appendOutput(formatExchange(step, '\r\n'), undefined, item);
    this.options.onResult?.(config, run.result);
    for (const step of steps) {
      const stepItem = this.resolver.byId(stepItemId(hookItemId(config.uri, kind), step.index));
      if (stepItem) this.report(stepItem, step.outcome, stepMessages(step), step.durationMs);
    }
    if (item) this.report(item, run.result.outcome, steps.flatMap(stepMessages), run.result.durationMs);
    return run;
  }

  private report(item: I, outcome: Outcome, messages: MessageSpec[], durationMs: number): void {
    if (outcome === 'passed') this.sink.passed(item, durationMs);
    else if (outcome === 'failed') this.sink.failed(item, messages, durationMs);
    else if (outcome === 'errored') this.sink.errored(item, messages, durationMs);
    else this.sink.skipped(item);
  }
}
