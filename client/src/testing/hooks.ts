/**
 * bluebook.config.yaml's `setup:`/`teardown:` in a Test Explorer run (SPEC §7): once per run for
 * each config the run's suites use — setup before the first suite, teardown after the last (also
 * after a cancel: not on the run's signal). Each suite of a config runs with the setup's captures,
 * or with the reason its setup failed (core then errors every test with it). Setup and teardown
 * steps show in the run's output; a failing teardown step is said there too.
 */
import {
  setupRunOptions,
  type ConfigHook,
  type HookRun,
  type RunEvent,
  type RunOptions,
  type StepResult,
} from '../../../core/src/index.js';
import { formatExchange } from '../results/present.js';
import type { ConfigSource } from '../worker/protocol.js';

export interface RunHooks {
  /** The config a suite runs with, when it has `setup` or `teardown` steps. */
  configOf(uri: string): ConfigSource | undefined;
  /** Runs one hook: the runner process's `runHook` in the editor, core's `runConfigHook` in tests. */
  run(kind: ConfigHook, config: ConfigSource, options: RunOptions): Promise<HookRun>;
}

/** The output channel of a run (the Test Results terminal): text with `\r\n` line ends. */
type Output = (text: string) => void;

export class HookedRun {
  private readonly configs = new Map<string, { config: ConfigSource; uri: string }>();
  private readonly setups = new Map<string, HookRun>();

  constructor(
    private readonly hooks: RunHooks,
    uris: readonly string[],
    private readonly optionsOf: (uri: string) => Promise<RunOptions>,
    private readonly output: Output,
  ) {
    for (const uri of uris) {
      const config = hooks.configOf(uri);
      if (config && !this.configs.has(config.path)) this.configs.set(config.path, { config, uri });
    }
  }

  async setup(signal: AbortSignal): Promise<void> {
    for (const [path, { config, uri }] of this.configs) {
      if (signal.aborted) break;
      const options = async () => ({ ...(await this.optionsOf(uri)), signal, onEvent: this.onEvent });
      this.setups.set(path, await this.runSafely('setup', config, options));
    }
  }

  /** What a suite's run adds to its options: the setup's captures, or why the setup failed. */
  optionsFor(uri: string): Pick<RunOptions, 'setupCaptures' | 'setupFailure'> {
    const path = this.hooks.configOf(uri)?.path;
    return setupRunOptions(path === undefined ? undefined : this.setups.get(path));
  }

  async teardown(): Promise<void> {
    for (const [path, { config, uri }] of [...this.configs].reverse()) {
      // Cancelled before this config's setup started: nothing of it ran, nothing to tear down.
      if (!this.setups.has(path)) continue;
      const setup = this.setups.get(path);
      const carried = {
        setupCaptures: setup?.captures ?? {},
        ...(setup?.cookies ? { setupCookies: setup.cookies } : {}),
      };
      const options = async () => ({ ...(await this.optionsOf(uri)), ...carried, onEvent: this.onEvent });
      await this.runSafely('teardown', config, options);
    }
  }

  private readonly onEvent = (event: RunEvent): void => {
    if (event.type === 'stepFinished') this.output(stepOutput(event.result));
  };

  private async runSafely(
    kind: ConfigHook,
    config: ConfigSource,
    options: () => Promise<RunOptions>,
  ): Promise<HookRun> {
    try {
      return await this.hooks.run(kind, config, await options());
    } catch (error) {
      const message = `not run: \`${kind}\` of ${config.path} could not run: ${error instanceof Error ? error.message : String(error)}`;
      this.output(`${message}\r\n`);
      const result = { file: config.path, name: kind, phase: kind, outcome: 'errored' as const };
      return {
        result: { ...result, durationMs: 0, before: [], tests: [], after: [] },
        captures: {},
        ...(kind === 'setup' ? { failure: message } : {}),
      };
    }
  }
}

function stepOutput(step: StepResult): string {
  const failed = step.outcome === 'failed' || step.outcome === 'errored';
  const why = step.error?.message ?? step.expectations.find((item) => !item.passed)?.message;
  const line = failed ? `${step.phase} step "${step.name}" ${step.outcome}${why ? `: ${why}` : ''}\r\n` : '';
  return `${line}${formatExchange(step, '\r\n')}`;
}
