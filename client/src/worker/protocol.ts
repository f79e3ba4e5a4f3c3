/**
 * The runner process protocol: plain JSON over Node IPC between the extension host and
 * dist/run-worker.js. Generic on purpose: a run request in, core's `RunEvent`s out, cancel in,
 * done out. Results are already redacted by core when they cross it.
 */
import type {
  ConfigHook,
  HookRun,
  RunEvent,
  RunFilter,
  RunOptions,
  SuiteResult,
} from '../../../core/src/index.js';

/** `RunOptions` without what cannot cross a process boundary (signal, callbacks, RegExp). */
export type WireRunOptions = Omit<RunOptions, 'signal' | 'onEvent' | 'filter'> & {
  filter?: Omit<RunFilter, 'grep'>;
};

export interface SuiteSource {
  /** The path (or URI) core sees: relative files resolve against it. */
  path: string;
  /** The suite text, unsaved edits included. */
  text: string;
}

/** bluebook.config.yaml, for its `setup`/`teardown` steps (parsed in the runner). */
export interface ConfigSource {
  path: string;
  text: string;
}

/** Host → runner. `hook` runs the config's setup or teardown, once per Test Explorer run. */
export type HostMessage =
  | { type: 'run'; id: number; suite: SuiteSource; options: WireRunOptions }
  | { type: 'hook'; id: number; hook: ConfigHook; config: ConfigSource; options: WireRunOptions }
  | { type: 'cancel'; id: number };

/** Runner → host. `done` ends a run: with its result, or with why it could not run. */
export type RunnerMessage =
  | { type: 'event'; id: number; event: RunEvent }
  | { type: 'done'; id: number; result: SuiteResult }
  | { type: 'done'; id: number; error: string }
  | { type: 'hookDone'; id: number; run: HookRun };

/**
 * Turns editor `RunOptions` into what the runner process receives. The signal becomes `cancel`
 * messages and `onEvent` `event` messages; a `grep` filter is not sent (editor plans select by id).
 */
export function toWire(options: RunOptions): WireRunOptions {
  const { signal: _signal, onEvent: _onEvent, filter, ...rest } = options;
  if (!filter) return rest;
  const { grep: _grep, ...plain } = filter;
  return { ...rest, filter: plain };
}
