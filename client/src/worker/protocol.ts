/**
 * The runner process protocol: plain JSON over Node IPC between the extension host and
 * dist/run-worker.js. Generic on purpose: a run request in, core's `RunEvent`s out, cancel in,
 * done out. Results are already redacted by core when they cross it.
 */
import type { RunEvent, RunFilter, RunOptions, SuiteResult } from '../../../core/src/index.js';
import type { HookRun } from '../../../core/src/run/setup.js';

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

/**
 * Host → runner. `hook` runs bluebook.config.yaml's `setup` or `teardown` (read from `config`, a
 * path); the host passes the setup's captures (or failure) on to the suites in their options.
 */
export type HostMessage =
  | { type: 'run'; id: number; suite: SuiteSource; options: WireRunOptions }
  | { type: 'hook'; id: number; kind: 'setup' | 'teardown'; config: string; options: WireRunOptions }
  | { type: 'cancel'; id: number };

/** Runner → host. `done` ends a run or a hook: with its result, or with why it could not run. */
export type RunnerMessage =
  | { type: 'event'; id: number; event: RunEvent }
  | { type: 'done'; id: number; result: SuiteResult }
  | { type: 'done'; id: number; hook: HookRun }
  | { type: 'done'; id: number; error: string };

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
